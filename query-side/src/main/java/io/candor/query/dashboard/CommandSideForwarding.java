package io.candor.query.dashboard;

import io.candor.infrastructure.web.CorrelationIds;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * When the query side runs apart from the command side, the dashboard's forms post here, on the page's own
 * origin, and this forwards each command to the command side at {@code candor.dashboard.command-side-url}
 * (in docker-compose its service name, which Docker's DNS spreads over the replicas), answering with what the
 * command side answered: status, body, and the headers a client reads (position, location, retry-after,
 * idempotent replay); a request's {@code Idempotency-Key} goes along. Only the
 * command API ({@code /api/...}) is reachable this way. The launcher runs both sides on one origin and needs none
 * of this.
 */
@Hidden
@RestController
@RequestMapping(CommandSideForwarding.PREFIX)
@ConditionalOnProperty("candor.dashboard.command-side-url")
class CommandSideForwarding {

    static final String PREFIX = "/dashboard/command-side";
    private static final List<String> ANSWER_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION,
            HttpHeaders.RETRY_AFTER, "Candor-Position", "Idempotent-Replayed");
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final URI commandSide;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CommandSideForwarding(@Value("${candor.dashboard.command-side-url}") String commandSideUrl) {
        this.commandSide = URI.create(commandSideUrl.endsWith("/") ? commandSideUrl : commandSideUrl + "/");
    }

    @PostMapping(path = "/api/**")
    ResponseEntity<?> forward(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length() + 1);
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(commandSide.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body == null ? new byte[0] : body));
        String contentType = request.getContentType();
        if (contentType != null) {
            forwarded.header(HttpHeaders.CONTENT_TYPE, contentType);
        }
        CorrelationIds.current().ifPresent(id -> forwarded.header(CorrelationIds.HEADER, id));
        String credentials = request.getHeader(HttpHeaders.AUTHORIZATION); // the command side signs the user in again
        if (credentials != null) {
            try {
                forwarded.header(HttpHeaders.AUTHORIZATION, credentials);
            } catch (IllegalArgumentException unsendable) {
                return unavailable("The credentials cannot be forwarded");
            }
        }
        String idempotencyKey = request.getHeader(IDEMPOTENCY_KEY);
        if (idempotencyKey != null) {
            try {
                forwarded.header(IDEMPOTENCY_KEY, idempotencyKey);
            } catch (IllegalArgumentException unsendable) {
                return badKey();
            }
        }
        try {
            HttpResponse<byte[]> answer = client.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpHeaders headers = new HttpHeaders();
            ANSWER_HEADERS.forEach(name -> answer.headers().firstValue(name).ifPresent(value -> headers.set(name, value)));
            return ResponseEntity.status(answer.statusCode()).headers(headers).body(answer.body());
        } catch (IOException e) {
            return unavailable("The command side cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("Interrupted while waiting for the command side");
        }
    }

    private static ResponseEntity<ProblemDetail> badKey() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The Idempotency-Key header must be visible ASCII characters only.");
        problem.setProperty("errors", List.of(Map.of("field", IDEMPOTENCY_KEY,
                "message", "must be visible ASCII characters only")));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }
}
