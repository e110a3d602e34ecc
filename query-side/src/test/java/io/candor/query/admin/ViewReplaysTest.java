package io.candor.query.admin;

import com.mongodb.client.MongoDatabase;
import io.candor.query.support.TestMongo;
import io.candor.query.support.ViewBatch;
import io.candor.query.support.ViewBatchFlush;
import io.candor.query.support.ViewPositions;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay through {@link ViewReplays}, over a real tracking processor: it is DONE only once the processor has
 * applied the events up to the head of the store and the positions those events left to write in the background are
 * stored, not as soon as the processor's status has moved past them.
 */
class ViewReplaysTest {

    private static final String VIEW = "pipeline";

    private final MongoDatabase database = TestMongo.freshDatabase();
    /**
     * A write of the positions of {@code opportunity-1}'s last event waits for its gate, open until a test closes it:
     * the replay's last batch (a batch waits for the write of the one before, so an earlier one held would hold the
     * replay). A write of {@code opportunity-9}'s positions waits for a gate of its own.
     */
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch laterGate = new CountDownLatch(0);
    private final ViewPositions positions = new ViewPositions(database) {
        @Override
        public void recordAll(String view, Map<String, Long> sequences) {
            if (Long.valueOf(2).equals(sequences.get("opportunity-1"))) {
                pass(gate);
            }
            if (sequences.containsKey("opportunity-9")) {
                pass(laterGate);
            }
            super.recordAll(view, sequences);
        }

        private void pass(CountDownLatch held) {
            try {
                if (!held.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The test never opened the gate");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    };
    /** What the store holds, read past the positions' own wait for their writes in flight. */
    private final ViewPositions stored = new ViewPositions(database);
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final TrackingEventProcessor processor = TrackingEventProcessor.builder()
            .name(VIEW)
            .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new Projection()).build())
            .messageSource(eventStore)
            .tokenStore(new InMemoryTokenStore())
            .transactionManager(NoTransactionManager.INSTANCE)
            .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                    .andInitialTrackingToken(StreamableMessageSource::createTailToken))
            .build();
    private final ViewProcessors processors = new ViewProcessors(null) {
        @Override
        TrackingEventProcessor processor(String view) {
            return processor;
        }
    };
    private final ViewReplays replays = new ViewReplays(processors, eventStore, positions);

    /** A view that writes nothing but its positions, in the processor's batch, as the views do. */
    private class Projection {

        @EventHandler
        void on(String event, @SequenceNumber long sequence) {
            ViewBatch.of(VIEW, positions).applied(event, sequence);
        }

        @ResetHandler
        void reset() {
            positions.clear(VIEW);
        }
    }

    @AfterEach
    void stop() {
        gate.countDown();
        laterGate.countDown();
        processor.shutDown();
        replays.stop();
        processors.stop();
        eventStore.shutDown();
    }

    @Test
    void aReplayIsDone_onlyOnceThePositionsOfItsLastBatchAreStored() {
        replayWithItsLastPositionsHeld();

        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> replays.progress(VIEW).state() == ViewReplays.State.DONE);
        assertThat(stored.sequence(VIEW, "opportunity-1")).isEqualTo(2);
    }

    @Test
    void aReplayIsDone_withoutWaitingForThePositionsOfEventsStoredSinceItBegan() {
        replayWithItsLastPositionsHeld();
        laterGate = new CountDownLatch(1); // commands go on meanwhile; their positions' write is on its way
        eventStore.publish(new GenericDomainEventMessage<>("Opportunity", "opportunity-9", 0, "opportunity-9"));

        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> atLeast(3));
        assertThat(stored.sequence(VIEW, "opportunity-9")).as("held").isEqualTo(-1);
        await().atMost(Duration.ofSeconds(10)).until(() -> replays.progress(VIEW).state() == ViewReplays.State.DONE);
        assertThat(stored.sequence(VIEW, "opportunity-1")).isEqualTo(2);
    }

    /** Replays three events of {@code opportunity-1} with the write of the last one's position held at the gate. */
    private void replayWithItsLastPositionsHeld() {
        processor.registerHandlerInterceptor(new ViewBatchFlush());
        processor.start();
        for (long sequence = 0; sequence < 3; sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>("Opportunity", "opportunity-1", sequence,
                    "opportunity-1"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stored.sequence(VIEW, "opportunity-1") == 2);
        gate = new CountDownLatch(1); // the replay's positions are held on their way to the store

        replays.start(VIEW);
        await().atMost(Duration.ofSeconds(10)).until(() -> atLeast(2));

        assertThat(stored.sequence(VIEW, "opportunity-1")).as("the reset dropped them, the last batch's are held")
                .isLessThan(2);
        assertThat(replays.progress(VIEW).state()).as("the processor is at the head, its positions are not stored")
                .isEqualTo(ViewReplays.State.RUNNING);
    }

    /** Whether the processor's every segment has moved past {@code position}. */
    private boolean atLeast(long position) {
        return !processor.processingStatus().isEmpty() && processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken)
                .allMatch(token -> token != null && token.position().orElse(-1) >= position);
    }
}
