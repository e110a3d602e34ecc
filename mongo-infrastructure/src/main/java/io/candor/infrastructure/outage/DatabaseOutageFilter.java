package io.candor.infrastructure.outage;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The outermost filter: an outage that escapes the rest of the chain (a filter that reads MongoDB before any
 * controller runs, such as the command side's idempotency keys) is answered like one inside it, 503 with
 * {@code Retry-After}, instead of the container's 500.
 */
final class DatabaseOutageFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    DatabaseOutageFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException failure) {
            if (!DatabaseOutage.causedBy(failure) || response.isCommitted()) {
                throw failure;
            }
            ResponseEntity<ProblemDetail> answer = DatabaseOutage.problem(request);
            response.reset();
            response.setStatus(answer.getStatusCode().value());
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS);
            response.setContentType(String.valueOf(answer.getHeaders().getContentType()));
            json.writeValue(response.getOutputStream(), answer.getBody());
        }
    }
}
