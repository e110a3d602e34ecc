package io.candor.infrastructure.outage;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/**
 * Tells a failure because MongoDB could not be reached (no server selected in time, a connection lost, a primary
 * stepping down) from any other, and answers it: 503 with {@code Retry-After}, the request can be sent again.
 */
public final class DatabaseOutage {

    /** Seconds a client should wait before sending the request again. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseOutage() {
    }

    /** Whether {@code failure}, or any of its causes, says that the database could not be reached. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoTimeoutException || cause instanceof MongoSocketException
                    || cause instanceof MongoNotPrimaryException || cause instanceof MongoNodeIsRecoveringException
                    || cause instanceof MongoException mongo && mongo.hasErrorLabel("RetryableWriteError")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The answer to a request that failed for an outage: problem+json, 503, {@code Retry-After}. */
    public static ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The database cannot be reached. Send the request again in a moment; with an Idempotency-Key, "
                        + "a command that was recorded after all is not recorded twice.");
        problem.setTitle("Database unavailable");
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // a path the container let through but URI does not parse: the problem goes without it
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
