package io.candor.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import io.candor.command.rules.InvalidCommandException;
import io.candor.command.rules.RuleViolation;
import io.candor.infrastructure.outage.DatabaseOutage;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every failure of a command endpoint as application/problem+json (RFC 9457): 400 with {@code errors} for bad
 * input, 404 for unknown ids, 409 for a concurrent change, 422 with {@code rule} for a broken rule, and a bare
 * 500 (no details, no stack trace) for anything unforeseen.
 */
@RestControllerAdvice(basePackages = "io.candor.command")
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommandProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandProblemHandler.class);

    /** One field at fault in a 400. */
    record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleBroken(RuleViolation violation, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "Rule broken",
                violation.rule().description(), request);
        problem.setType(URI.create("https://candor.io/rules/" + violation.rule().name()));
        problem.setProperty("rule", violation.rule().name());
        return respond(problem);
    }

    @ExceptionHandler(InvalidCommandException.class)
    ResponseEntity<ProblemDetail> invalidCommand(InvalidCommandException invalid, HttpServletRequest request) {
        return badRequest(List.of(new FieldProblem(invalid.field(), invalid.getMessage())), request);
    }

    @ExceptionHandler(ForbiddenCommandException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenCommandException forbidden, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "Forbidden", forbidden.getMessage(), request);
        problem.setProperty("errors", List.of(new FieldProblem(forbidden.field(), forbidden.getMessage())));
        return respond(problem);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException invalid, HttpServletRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : invalid.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        invalid.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new FieldProblem("body", error.getDefaultMessage())));
        return badRequest(errors, request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidArguments(HandlerMethodValidationException invalid,
                                                   HttpServletRequest request) {
        List<FieldProblem> errors = invalid.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return badRequest(errors, request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadableBody(HttpMessageNotReadableException unreadable,
                                                 HttpServletRequest request) {
        return badRequest(List.of(describe(unreadable)), request);
    }

    /**
     * A body Jackson cannot bind for a reason it files under "definition" rather than "input", such as a field
     * given twice, first as null ({@code {"at":null,"at":"2026-03-01T09:00:00Z"}}): still the client's body at fault.
     * A response that cannot be written stays an unforeseen failure.
     */
    @ExceptionHandler(HttpMessageConversionException.class)
    ResponseEntity<ProblemDetail> unbindableBody(HttpMessageConversionException unbindable,
                                                 HttpServletRequest request) {
        if (unbindable instanceof HttpMessageNotWritableException) {
            return unforeseen(unbindable, request);
        }
        return badRequest(List.of(new FieldProblem("body", "cannot be read as this command")), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException unsupported,
                                                       HttpServletRequest request) {
        return respond(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                "Send the body as application/json.", request));
    }

    /** An unknown or malformed id; also the id of the other kind of aggregate, whose events Axon refuses to load. */
    @ExceptionHandler({UnknownIdException.class, AggregateNotFoundException.class,
            IncompatibleAggregateException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ProblemDetail> notFound(Exception unknown, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "Not Found", "No such resource.", request));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException concurrent, HttpServletRequest request) {
        return conflict(request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unforeseen(Exception failure, HttpServletRequest request) {
        if (failure instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            return respond(problem(HttpStatus.valueOf(known.getStatusCode().value()),
                    known.getBody().getTitle() == null ? "Bad Request" : known.getBody().getTitle(),
                    known.getBody().getDetail(), request));
        }
        if (DatabaseOutage.causedBy(failure)) {
            return DatabaseOutage.problem(request);
        }
        if (isDuplicateKey(failure)) {
            return conflict(request);
        }
        if (causedBy(failure, ConcurrencyException.class)) {
            return conflict(request);
        }
        if (causedBy(failure, AggregateNotFoundException.class)
                || causedBy(failure, IncompatibleAggregateException.class)) {
            return notFound(failure, request);
        }
        if (causedBy(failure, NoHandlerForCommandException.class)) {
            // The path's id names the other kind of aggregate, found in the aggregate cache both kinds share (the
            // launcher's): the aggregate loaded has no handler for the command. Every command has a handler.
            return notFound(failure, request);
        }
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), failure);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "The command could not be handled.", request));
    }

    private ResponseEntity<ProblemDetail> conflict(HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, "Conflict",
                "Someone else changed this at the same moment; read it again and retry.", request));
    }

    private static boolean isDuplicateKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoServerException server
                    && ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static FieldProblem describe(HttpMessageNotReadableException unreadable) {
        Throwable cause = unreadable.getCause();
        if (causedBy(unreadable, BodyTooLargeException.class)) {
            return new FieldProblem("body", "is too large");
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new FieldProblem(path(mapping), reason(mapping));
        }
        if (cause instanceof JsonProcessingException) {
            return new FieldProblem("body", "is not well-formed JSON");
        }
        return new FieldProblem("body", "is missing or unreadable");
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String reason(JsonMappingException mapping) {
        if (mapping instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (mapping instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            if (target != null && target.isEnum()) {
                return "must be one of " + Arrays.stream(target.getEnumConstants()).map(String::valueOf)
                        .collect(Collectors.joining(", "));
            }
            if (target != null && java.time.temporal.Temporal.class.isAssignableFrom(target)) {
                return "must be an ISO-8601 instant such as 2026-03-01T09:00:00Z";
            }
            return "has the wrong format" + (target == null ? "" : " for " + target.getSimpleName());
        }
        if (mapping instanceof MismatchedInputException mismatched) {
            Class<?> target = mismatched.getTargetType();
            if (target != null && target.isEnum()) {
                return "must be one of " + Arrays.stream(target.getEnumConstants()).map(String::valueOf)
                        .collect(Collectors.joining(", "));
            }
            return "has the wrong type" + (target == null ? "" : ", expected " + target.getSimpleName());
        }
        return "is invalid";
    }

    private ResponseEntity<ProblemDetail> badRequest(List<FieldProblem> errors, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Bad Request",
                "The request is malformed or invalid; see errors.", request);
        problem.setProperty("errors", errors.stream()
                .map(error -> Map.of("field", error.field(), "message",
                        error.message() == null ? "is invalid" : error.message()))
                .toList());
        return respond(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(safePath(request.getRequestURI())));
        return problem;
    }

    private static String safePath(String path) {
        try {
            return URI.create(path).getRawPath();
        } catch (IllegalArgumentException malformed) {
            return "/";
        }
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
