package io.candor.query.support;

import jakarta.servlet.http.HttpServletRequest;
import io.candor.infrastructure.outage.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every error of the query API as application/problem+json (RFC 9457): 400 with {@code errors: [{field, message}]},
 * 404 for unknown ids, 503 when a view did not catch up in time, and a generic 500 that never shows details.
 */
@RestControllerAdvice(basePackages = "io.candor.query")
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueryProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryProblemHandler.class);

    @ExceptionHandler(QueryNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(QueryNotFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), request).build();
    }

    @ExceptionHandler(QueryBadRequestException.class)
    ResponseEntity<ProblemDetail> badRequest(QueryBadRequestException e, HttpServletRequest request) {
        return badRequest(e.field(), e.getMessage(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return badRequest(e.getName(), "is not a valid value", request);
    }

    @ExceptionHandler(MissingRequestValueException.class)
    ResponseEntity<ProblemDetail> missing(MissingRequestValueException e, HttpServletRequest request) {
        return badRequest(null, e.getMessage(), request);
    }

    @ExceptionHandler(QueryViewBehindException.class)
    ResponseEntity<ProblemDetail> behind(QueryViewBehindException e, HttpServletRequest request) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "View not caught up", e.getMessage(), request)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .build();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response) {
            ProblemDetail body = response.getBody();
            body.setInstance(instance(request));
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(body);
        }
        if (DatabaseOutage.causedBy(e)) {
            return DatabaseOutage.problem(request);
        }
        log.error("Unexpected error answering {}", request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The query could not be answered", request)
                .build();
    }

    private ResponseEntity<ProblemDetail> badRequest(String field, String message, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                field == null ? message : field + ": " + message);
        body.setTitle("Invalid request");
        body.setInstance(instance(request));
        body.setProperty("errors", List.of(Map.of("field", field == null ? "" : field, "message", message)));
        return ResponseEntity.badRequest().body(body);
    }

    private static URI instance(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURI());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ResponseEntity.BodyBuilder problemBuilder(HttpStatus status) {
        return ResponseEntity.status(status);
    }

    private static ProblemResponse problem(HttpStatus status, String title, String detail, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setInstance(instance(request));
        return new ProblemResponse(problemBuilder(status), body);
    }

    private record ProblemResponse(ResponseEntity.BodyBuilder builder, ProblemDetail body) {
        ProblemResponse header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        ResponseEntity<ProblemDetail> build() {
            return builder.body(body);
        }
    }
}
