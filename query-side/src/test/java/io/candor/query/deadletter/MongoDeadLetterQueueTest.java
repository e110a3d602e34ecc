package io.candor.query.deadletter;

import io.candor.events.Interest;
import io.candor.events.OpportunityId;
import io.candor.infrastructure.CandorSerialization;
import io.candor.query.support.Events;
import io.candor.query.support.TestMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The queue on a real MongoDB wire connection (the embedded server over a socket). */
class MongoDeadLetterQueueTest {

    private final MongoDeadLetterQueue queue = new MongoDeadLetterQueue(
            TestMongo.freshDatabase().getCollection(MongoDeadLetterQueue.COLLECTION), "pipeline",
            CandorSerialization.serializer());
    private final Events events = Events.forNewCandidate();
    private final OpportunityId acme = OpportunityId.generate();
    private final OpportunityId beta = OpportunityId.generate();

    @Test
    void anEnqueuedLetter_comesBackWithItsEventWhole_andItsCause() {
        EventMessage<?> event = event(acme, 3, 41);

        queue.enqueue(acme.value(), new GenericDeadLetter<>(acme.value(), event, new IllegalStateException("boom")));

        assertThat(queue.contains(acme.value())).isTrue();
        assertThat(queue.contains(beta.value())).isFalse();
        StoredDeadLetter stored = (StoredDeadLetter) only(queue.deadLetterSequence(acme.value()));
        DomainEventMessage<?> message = (DomainEventMessage<?>) stored.message();
        assertThat(message.getIdentifier()).isEqualTo(event.getIdentifier());
        assertThat(message.getPayload()).isEqualTo(event.getPayload());
        assertThat(message.getMetaData()).isEqualTo(event.getMetaData());
        assertThat(message.getTimestamp()).isEqualTo(event.getTimestamp());
        assertThat(message.getAggregateIdentifier()).isEqualTo(acme.value());
        assertThat(message.getSequenceNumber()).isEqualTo(3);
        assertThat(((TrackedEventMessage<?>) message).trackingToken().position()).hasValue(41);
        assertThat(stored.globalPosition()).hasValue(41);
        assertThat(stored.cause()).hasValueSatisfying(cause -> {
            assertThat(cause.type()).isEqualTo(IllegalStateException.class.getName());
            assertThat(cause.message()).isEqualTo("boom");
        });
    }

    @Test
    void aSequence_isInTheOrderOfTheStore_andOnlyEventsAfterAParkedOneAreParkedBehindIt() {
        queue.enqueue(acme.value(), new GenericDeadLetter<>(acme.value(), event(acme, 1, 20), new RuntimeException()));

        assertThat(queue.enqueueIfPresent(acme.value(), () -> new GenericDeadLetter<>(acme.value(), event(acme, 0, 10))))
                .as("an earlier event of the sequence, handled again with its batch, is not parked").isFalse();
        assertThat(queue.enqueueIfPresent(acme.value(), () -> new GenericDeadLetter<>(acme.value(), event(acme, 3, 40))))
                .isTrue();
        assertThat(queue.enqueueIfPresent(acme.value(), () -> new GenericDeadLetter<>(acme.value(), event(acme, 2, 30))))
                .isTrue();
        assertThat(queue.enqueueIfPresent(beta.value(), () -> new GenericDeadLetter<>(beta.value(), event(beta, 0, 35))))
                .isFalse();

        assertThat(sequenceNumbers(queue.deadLetterSequence(acme.value()))).containsExactly(1L, 2L, 3L);
        assertThat(queue.size()).isEqualTo(3);
        assertThat(queue.sequenceSize(acme.value())).isEqualTo(3);
        assertThat(queue.amountOfSequences()).isEqualTo(1);
    }

    @Test
    void enqueueingAnEventParkedAlready_changesNothing() {
        EventMessage<?> event = event(acme, 1, 20);
        queue.enqueue(acme.value(), new GenericDeadLetter<>(acme.value(), event, new RuntimeException("first")));

        queue.enqueue(acme.value(), new GenericDeadLetter<>(acme.value(), event, new RuntimeException("second")));

        assertThat(queue.size()).isEqualTo(1);
        assertThat(only(queue.deadLetterSequence(acme.value())).cause().orElseThrow().message()).isEqualTo("first");
    }

    @Test
    void evict_removesTheLetter_andRequeue_updatesItsCauseAndDiagnostics() {
        queue.enqueue(acme.value(), new GenericDeadLetter<>(acme.value(), event(acme, 1, 20), new RuntimeException("a")));
        queue.enqueue(acme.value(), new GenericDeadLetter<>(acme.value(), event(acme, 2, 21), new RuntimeException("b")));
        List<DeadLetter<? extends EventMessage<?>>> letters = list(queue.deadLetterSequence(acme.value()));

        queue.requeue(letters.get(1), letter -> letter.withCause(new IllegalArgumentException("again"))
                .withDiagnostics(MetaData.with("attempts", 2)));
        queue.evict(letters.get(0));

        DeadLetter<? extends EventMessage<?>> left = only(queue.deadLetterSequence(acme.value()));
        assertThat(((DomainEventMessage<?>) left.message()).getSequenceNumber()).isEqualTo(2);
        assertThat(left.cause().orElseThrow().message()).isEqualTo("again");
        assertThat(left.diagnostics().get("attempts")).isEqualTo(2);
        assertThat(left.lastTouched()).isAfterOrEqualTo(left.enqueuedAt());
        assertThatThrownBy(() -> queue.requeue(letters.get(0), letter -> letter))
                .isInstanceOf(NoSuchDeadLetterException.class);
    }

    @Test
    void process_handsASequenceOverInOrder_evictingEachSuccess_untilOneFailsAgain() {
        for (int sequence = 1; sequence <= 3; sequence++) {
            queue.enqueue(acme.value(), new GenericDeadLetter<>(acme.value(), event(acme, sequence, 20 + sequence),
                    new RuntimeException()));
        }
        queue.enqueue(beta.value(), new GenericDeadLetter<>(beta.value(), event(beta, 0, 30), new RuntimeException()));
        List<Long> handled = new ArrayList<>();

        boolean whole = queue.process(letter -> acme.value().equals(((DomainEventMessage<?>) letter.message())
                .getAggregateIdentifier()), letter -> {
            long sequence = ((DomainEventMessage<?>) letter.message()).getSequenceNumber();
            handled.add(sequence);
            return sequence == 2 ? Decisions.requeue(new IllegalStateException("still failing")) : Decisions.evict();
        });

        assertThat(whole).isFalse();
        assertThat(handled).containsExactly(1L, 2L);
        assertThat(sequenceNumbers(queue.deadLetterSequence(acme.value()))).containsExactly(2L, 3L);
        assertThat(queue.deadLetterSequence(acme.value()).iterator().next().cause().orElseThrow().message())
                .isEqualTo("still failing");
        assertThat(queue.sequenceSize(beta.value())).as("another sequence is untouched").isEqualTo(1);

        assertThat(queue.process(letter -> true, letter -> Decisions.evict())).isTrue();
        assertThat(queue.process(letter -> true, letter -> Decisions.evict())).isTrue();
        assertThat(queue.size()).isZero();
        assertThat(queue.process(letter -> true, letter -> Decisions.evict())).isFalse();
    }

    @Test
    void clear_forgetsOnlyThisViewsLetters() {
        MongoDeadLetterQueue timeline = new MongoDeadLetterQueue(
                TestMongo.freshDatabase().getCollection(MongoDeadLetterQueue.COLLECTION), "timeline",
                CandorSerialization.serializer());
        queue.enqueue(acme.value(), new GenericDeadLetter<>(acme.value(), event(acme, 1, 20), new RuntimeException()));
        timeline.enqueue(acme.value(), new GenericDeadLetter<>(acme.value(), event(acme, 1, 20), new RuntimeException()));

        queue.clear();

        assertThat(queue.size()).isZero();
        assertThat(timeline.size()).isEqualTo(1);
        assertThat(queue.deadLetters()).isEmpty();
    }

    private EventMessage<?> event(OpportunityId opportunity, long sequence, long position) {
        DomainEventMessage<?> domain = new GenericDomainEventMessage<>("Opportunity", opportunity.value(), sequence,
                events.invited(opportunity, "Acme " + sequence, Interest.INTERESTED, null),
                MetaData.with("recordedBy", "tester"), UUID.randomUUID().toString(), Instant.parse("2026-03-01T09:00:00.123456Z"));
        return new GenericTrackedDomainEventMessage<>(GapAwareTrackingToken.newInstance(position, List.of()), domain);
    }

    private static List<DeadLetter<? extends EventMessage<?>>> list(Iterable<DeadLetter<? extends EventMessage<?>>> letters) {
        List<DeadLetter<? extends EventMessage<?>>> list = new ArrayList<>();
        letters.forEach(list::add);
        return list;
    }

    private static DeadLetter<? extends EventMessage<?>> only(Iterable<DeadLetter<? extends EventMessage<?>>> letters) {
        List<DeadLetter<? extends EventMessage<?>>> list = list(letters);
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static List<Long> sequenceNumbers(Iterable<DeadLetter<? extends EventMessage<?>>> letters) {
        return list(letters).stream().map(letter -> ((DomainEventMessage<?>) letter.message()).getSequenceNumber()).toList();
    }
}
