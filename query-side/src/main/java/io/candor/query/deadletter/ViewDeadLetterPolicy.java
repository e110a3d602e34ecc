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

/**
 * What a view does with an event its handler failed on.
 * <ul>
 *   <li>A failure of MongoDB itself is not the event's fault: while the processor handles its batch, it is thrown
 *       on, the batch fails and is retried from its token, as without a dead-letter queue (the view waits for the
 *       database instead of parking every event it meets meanwhile). While a dead letter is retried, the letter
 *       simply stays.</li>
 *   <li>Any other failure parks the event, its cause truncated as Axon does, with the diagnostic {@code attempts}
 *       (failed handlings so far). In the processor's batch, what the batch staged is discarded
 *       ({@link ViewBatch#discardCurrent()}), so that the failed handler leaves no half-applied trace.</li>
 * </ul>
 */
final class ViewDeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String ATTEMPTS = "attempts";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        // Axon asks while the processor handles the event, or while a retried letter's unit of work rolls back.
        boolean retryingLetter = CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().phase() == UnitOfWork.Phase.ROLLBACK;
        if (DatabaseOutage.causedBy(cause) && !retryingLetter) {
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        if (!retryingLetter) {
            ViewBatch.discardCurrent();
        }
        Object before = letter.diagnostics().get(ATTEMPTS);
        long attempts = (before instanceof Number number ? number.longValue() : 0) + 1;
        return Decisions.enqueue(ThrowableCause.truncated(cause),
                failed -> failed.diagnostics().and(ATTEMPTS, attempts));
    }
}
