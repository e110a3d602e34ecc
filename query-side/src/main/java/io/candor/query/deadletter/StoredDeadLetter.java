package io.candor.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One letter as {@link MongoDeadLetterQueue} stores it: the event, why it failed, and where it sits, which is what a
 * requeue or an eviction finds it by ({@code _id}) and what the admin listing shows.
 *
 * @param id                 the document's {@code _id}: processing group and event identifier
 * @param view               the processing group whose handler failed
 * @param sequenceIdentifier the sequence the letter blocks, per the processor's sequencing policy (the aggregate)
 * @param sequenceIndex      its place in the sequence: the event's global position when known
 * @param globalPosition     the event's position in the store, if the message carried a tracking token
 */
public record StoredDeadLetter(String id, String view, String sequenceIdentifier, long sequenceIndex,
                               OptionalLong globalPosition, EventMessage<?> message, Cause storedCause,
                               Instant enqueuedAt, Instant lastTouched, MetaData diagnostics)
        implements DeadLetter<EventMessage<?>> {

    public StoredDeadLetter {
        Objects.requireNonNull(id);
        Objects.requireNonNull(message);
        diagnostics = diagnostics == null ? MetaData.emptyInstance() : diagnostics;
    }

    @Override
    public Optional<Cause> cause() {
        return Optional.ofNullable(storedCause);
    }

    @Override
    public DeadLetter<EventMessage<?>> markTouched() {
        return new StoredDeadLetter(id, view, sequenceIdentifier, sequenceIndex, globalPosition, message, storedCause,
                enqueuedAt, Instant.now(), diagnostics);
    }

    @Override
    public DeadLetter<EventMessage<?>> withCause(Throwable requeueCause) {
        Cause cause = requeueCause == null ? storedCause
                : requeueCause instanceof Cause given ? given : ThrowableCause.truncated(requeueCause);
        return new StoredDeadLetter(id, view, sequenceIdentifier, sequenceIndex, globalPosition, message, cause,
                enqueuedAt, Instant.now(), diagnostics);
    }

    @Override
    public DeadLetter<EventMessage<?>> withDiagnostics(MetaData newDiagnostics) {
        return new StoredDeadLetter(id, view, sequenceIdentifier, sequenceIndex, globalPosition, message, storedCause,
                enqueuedAt, lastTouched, newDiagnostics);
    }
}
