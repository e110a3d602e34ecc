package io.candor.infrastructure.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What Spring MVC would not answer as problem+json, answered so here, first of all filters:
 * <ul>
 *   <li>an {@code Accept} header that is no media-type list at all: a 400 (Spring could not even write its error
 *       about it, and answered an empty body);</li>
 *   <li>a {@code Content-Type} that is no media type, or a wildcard one ({@code *}{@code /*}), which Spring refuses
 *       with an exception while reading the body (a 500): a 415;</li>
 *   <li>the servlet container's error dispatch ({@code /error}) as problem+json: what the container itself decides to
 * refuse after a request reached the application (a body shorter than its {@code Content-Length}, a path no
 * handler serves, a {@code sendError}) is answered like every other error of the API, not by Spring Boot's
 * {@code BasicErrorController} in its own JSON; {@code /error} asked directly is a 404. Nothing of the failure
 *       is shown; a 5xx is logged.</li>
 * </ul>
 * Both sides have it, once in the launcher ({@link ProblemWebConfiguration}). Errors the container decides before
 * any filter runs are answered by {@link ProblemErrorReportValve}.
 */
final class ProblemErrorDispatch extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorDispatch.class);

    private final ObjectMapper json;

    ProblemErrorDispatch(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) != null) {
            answerError(request, response);
        } else if ("/error".equals(request.getRequestURI())) {
            write(response, HttpStatus.NOT_FOUND, "No such resource.", request.getRequestURI(), null);
        } else if (!parses(request.getHeader(HttpHeaders.ACCEPT), true)) {
            write(response, HttpStatus.BAD_REQUEST, "The Accept header is not a list of media types.",
                    request.getRequestURI(), HttpHeaders.ACCEPT);
        } else if (!parses(request.getContentType(), false)) {
            write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.",
                    request.getRequestURI(), null);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** Null or blank, or media types Spring can use: a list for Accept, one concrete type for Content-Type. */
    private static boolean parses(String header, boolean list) {
        if (header == null || header.isBlank()) {
            return true;
        }
        try {
            if (list) {
                MediaType.parseMediaTypes(header);
                return true;
            }
            MediaType type = MediaType.parseMediaType(header);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }

    private void answerError(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer given ? given : 500;
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null || code < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status.is5xxServerError()) {
            log.error("Failure of {} {}", request.getMethod(), request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        }
        write(response, status, status == HttpStatus.BAD_REQUEST
                        ? "The request is malformed or incomplete." : status.getReasonPhrase() + ".",
                request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), "request");
    }

    private void write(HttpServletResponse response, HttpStatus status, String detail, Object path, String field)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setInstance(instance(path));
        if (status == HttpStatus.BAD_REQUEST) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "is malformed")));
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static URI instance(Object path) {
        try {
            return path instanceof String text ? URI.create(URI.create(text).getRawPath()) : null;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
