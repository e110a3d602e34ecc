package io.candor.query.deadletter;

import io.candor.infrastructure.outage.DatabaseOutage;
import io.candor.query.support.ViewBatch;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a view does with an event its handler failed on.
 * <ul>
 *   <li>A failure of MongoDB itself is not the event's fault: while the processor handles its batch, it is thrown
 *       on, the batch fails and is retried from its token, as without a dead-letter queue (the view waits for the
 *       database instead of parking every event it meets meanwhile). While a dead letter is retried, the letter
 *       simply stays.</li>
 *   <li>Any other failure is thrown on too, up to {@code attemptsBeforeParking - 1} times in a row for the same
 *       event (each within {@link #IN_A_ROW} of the one before; Axon handles a failed batch again after 1, then 2
 *       seconds): a failure that passes when the batch is handled again (an error the server answered once, a
 *       resource briefly short) costs the view a few seconds of Axon's retry back-off, instead of a candidate's
 *       events parked until someone retries them by hand.</li>
 *   <li>An event that fails that many times is parked, its cause truncated as Axon does, with the diagnostic
 *       {@code attempts} (failed handlings so far). In the processor's batch, what the batch staged is discarded
 *       ({@link ViewBatch#discardCurrent()}), so that the failed handler leaves no half-applied trace.</li>
 * </ul>
 * One policy per view: it counts the failures of the events of its view, in this process.
 */
final class ViewDeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String ATTEMPTS = "attempts";
    /** Failed handlings of one event, in a row, before it is parked. */
    static final int ATTEMPTS_BEFORE_PARKING = 3;
    /**
     * Failures of an event further apart than this are not in a row: it passed in between (its batch handled again
     * later, a replay), or its view was stopped.
     */
    static final Duration IN_A_ROW = Duration.ofMinutes(1);
    /** Beyond this many events counted, the counts start again: each is an event that failed and was not parked. */
    private static final int MOST_COUNTED = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ViewDeadLetterPolicy.class);

    private final String view;
    private final int attemptsBeforeParking;
    private final Clock clock;
    /** Per event identifier, its handlings that failed in a row and were thrown on. */
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last) {
    }

    ViewDeadLetterPolicy(String view, int attemptsBeforeParking) {
        this(view, attemptsBeforeParking, Clock.systemUTC());
    }

    ViewDeadLetterPolicy(String view, int attemptsBeforeParking, Clock clock) {
        if (attemptsBeforeParking < 1) {
            throw new IllegalArgumentException("candor.query.attempts-before-parking must be at least 1, not "
                    + attemptsBeforeParking);
        }
        this.view = view;
        this.attemptsBeforeParking = attemptsBeforeParking;
        this.clock = clock;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        // Axon asks while the processor handles the event, or while a retried letter's unit of work rolls back.
        boolean retryingLetter = CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().phase() == UnitOfWork.Phase.ROLLBACK;
        if (!retryingLetter) {
            if (DatabaseOutage.causedBy(cause)) {
                throw rethrown(cause);
            }
            String eventId = letter.message().getIdentifier();
            Instant now = clock.instant();
            int failed = failures.merge(eventId, new Failures(1, now), (before, first) ->
                    before.last().plus(IN_A_ROW).isBefore(now) ? first : new Failures(before.count() + 1, now)).count();
            if (failed < attemptsBeforeParking) {
                if (failures.size() > MOST_COUNTED) {
                    failures.clear();
                }
                // The cause's class only: its message may hold personal data. Axon logs the failure of the batch.
                log.warn("View {}: handling event {} ({}) failed ({}), attempt {} of {}; its batch is handled again",
                        view, eventId, letter.message().getPayloadType().getSimpleName(), cause.getClass().getName(),
                        failed, attemptsBeforeParking);
                throw rethrown(cause);
            }
            failures.remove(eventId);
            ViewBatch.discardCurrent();
        }
        Object before = letter.diagnostics().get(ATTEMPTS);
        long attempts = before instanceof Number number ? number.longValue() + 1
                : retryingLetter ? 1 : attemptsBeforeParking;
        return Decisions.enqueue(ThrowableCause.truncated(cause),
                failed -> failed.diagnostics().and(ATTEMPTS, attempts));
    }

    private static RuntimeException rethrown(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}
