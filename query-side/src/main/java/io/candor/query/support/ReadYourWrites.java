package io.candor.query.support;

import io.candor.infrastructure.security.TenantAccess;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-your-writes for every GET: {@code waitFor=<aggregateId>:<sequence>} (repeatable) and the header
 * {@code Candor-Wait-For} (comma-separated) name events the caller has written. Before answering, the view
 * polls its {@link ViewPositions} with a short backoff (5 ms doubling to 100 ms) until every named aggregate
 * has reached its sequence, for at most {@code candor.query.wait-timeout} (default 5s); then it answers 503.
 * While it waits, the view's processor in this process does not linger ({@link ViewLingering}).
 */
@Component
public class ReadYourWrites {

    public static final String HEADER = "Candor-Wait-For";
    public static final String PARAMETER = "waitFor";
    public static final String DESCRIPTION = "Read-your-writes: `<aggregateId>:<sequence>` of an event this client wrote "
            + "(the `position` of a command response). Repeatable; the header `Candor-Wait-For` takes the same, "
            + "comma-separated. The view waits until it has applied every named event (at most "
            + "`candor.query.wait-timeout`, default 5s), then answers; if it has not caught up by then: 503 "
            + "problem+json with Retry-After.";

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(5);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(100);

    private final ViewPositions positions;
    private final Duration timeout;
    private final TenantAccess tenants;
    private final ViewLingering lingering;

    public ReadYourWrites(ViewPositions positions,
                          @Value("${candor.query.wait-timeout:5s}") Duration timeout, TenantAccess tenants,
                          ViewLingering lingering) {
        this.positions = positions;
        this.timeout = timeout;
        this.tenants = tenants;
        this.lingering = lingering;
    }

    /** A position to wait for. */
    public record Position(String aggregateId, long sequence) {
    }

    /** Parses the parameter values and the header; a malformed one is a 400 naming {@code waitFor} or the header. */
    public static List<Position> parse(List<String> parameters, String header) {
        List<Position> parsed = new ArrayList<>();
        if (parameters != null) {
            for (String value : parameters) {
                for (String token : value.split(",")) {
                    parsed.add(parseOne(token, PARAMETER));
                }
            }
        }
        if (header != null && !header.isBlank()) {
            for (String token : header.split(",")) {
                parsed.add(parseOne(token, HEADER));
            }
        }
        return parsed;
    }

    private static Position parseOne(String token, String field) {
        String trimmed = token.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new QueryBadRequestException(field, "expected <aggregateId>:<sequence>, got '" + abbreviate(trimmed) + "'");
        }
        try {
            long sequence = Long.parseLong(trimmed.substring(colon + 1));
            if (sequence < 0) {
                throw new NumberFormatException();
            }
            return new Position(trimmed.substring(0, colon), sequence);
        } catch (NumberFormatException e) {
            throw new QueryBadRequestException(field, "the sequence must be a non-negative integer, got '"
                    + abbreviate(trimmed.substring(colon + 1)) + "'");
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }

    /** Waits until each of {@code views} has applied every position named by the request, or throws 503. */
    public void await(List<String> parameters, String header, String... views) {
        // With security on, a position of another firm's candidate is not waited for, exactly like one of an id
        // that does not exist: how long an answer takes must not tell whether another firm has an id.
        List<Position> awaited = parse(parameters, header).stream()
                .filter(position -> tenants.mayReachAggregate(position.aggregateId())).toList();
        if (awaited.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            Position missing = firstMissing(awaited, views);
            if (missing == null) {
                return;
            }
            lingering.hurry(views);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new QueryViewBehindException("The view has not yet applied " + missing.aggregateId() + ":"
                        + missing.sequence() + " after " + timeout + "; retry later");
            }
            long pause = Math.min(backoff.toNanos(), left);
            RequestsInFlight.whileWaiting(() -> sleep(pause)); // a view catching up need not make way for it
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private Position firstMissing(List<Position> awaited, String... views) {
        for (Position position : awaited) {
            for (String view : views) {
                if (positions.sequence(view, position.aggregateId()) < position.sequence()) {
                    return position;
                }
            }
        }
        return null;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryViewBehindException("Interrupted while waiting for the view");
        }
    }
}
