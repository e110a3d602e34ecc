package io.candor.query.support;

import com.mongodb.client.MongoDatabase;
import io.candor.infrastructure.TokenFence;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * Positions written in the background, on the embedded server: the processor goes on while they are written, its
 * next token waits for them, a write that failed is sent again with the next, and a reset does not find them
 * landing after it.
 */
class ViewPositionsTest {

    private static final String VIEW = "contacts";

    private final MongoDatabase database = TestMongo.freshDatabase();
    /** Lets a write through once opened; every write waits for it. */
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger failuresToCome = new AtomicInteger();
    private final ViewPositions positions = new ViewPositions(database) {
        @Override
        public void recordAll(String view, Map<String, Long> sequences) {
            try {
                assertThat(gate.await(10, TimeUnit.SECONDS)).as("the gate opened").isTrue();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
            if (failuresToCome.getAndDecrement() > 0) {
                throw new IllegalStateException("the server is gone");
            }
            super.recordAll(view, sequences);
        }
    };
    /** What the store holds, read past the positions' own wait for their writes in flight. */
    private final ViewPositions stored = new ViewPositions(database);

    @AfterEach
    void openTheGate() {
        gate.countDown();
        TokenFence.forget(); // no wait left to a later test on this thread
    }

    @Test
    void theProcessorGoesOnWhileThePositionsAreWritten_andItsNextTokenWaitsForThem() {
        positions.recordInBackground(VIEW, Map.of("opportunity-1", 3L));
        assertThat(stored.sequence(VIEW, "opportunity-1")).as("not written yet").isEqualTo(-1);

        Thread processor = Thread.currentThread();
        CompletableFuture<Void> opened = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> processor.getState() == Thread.State.WAITING);
            gate.countDown();
        });
        TokenFence.pass(); // as the token store does before it writes the processor's token

        assertThat(opened).isDone();
        assertThat(stored.sequence(VIEW, "opportunity-1")).isEqualTo(3);
    }

    @Test
    void aPositionReadInThisProcess_waitsForTheViewsWriteInFlight() {
        positions.recordInBackground(VIEW, Map.of("opportunity-1", 3L));
        gate.countDown();

        assertThat(positions.sequence(VIEW, "opportunity-1")).isEqualTo(3);
    }

    @Test
    void positionsThatFailedToBeWritten_failTheNextToken_andAreWrittenWithTheViewsNextPositions() {
        failuresToCome.set(1);
        gate.countDown();
        positions.recordInBackground(VIEW, Map.of("opportunity-1", 3L, "candidate-1", 4L));

        assertThatThrownBy(TokenFence::pass).hasMessageContaining("were not written");

        positions.recordInBackground(VIEW, Map.of("opportunity-2", 0L, "candidate-1", 5L));
        TokenFence.pass();
        assertThat(stored.sequence(VIEW, "opportunity-1")).isEqualTo(3);
        assertThat(stored.sequence(VIEW, "opportunity-2")).isZero();
        assertThat(stored.sequence(VIEW, "candidate-1")).isEqualTo(5);
    }

    @Test
    void positionsThatFailedToBeWritten_andWereCarriedByTheNextWrite_letTheTokenBeWritten() {
        failuresToCome.set(1);
        gate.countDown();
        positions.recordInBackground(VIEW, Map.of("opportunity-1", 3L));
        positions.recordInBackground(VIEW, Map.of("opportunity-2", 0L)); // the next batch's, carrying the first's

        TokenFence.pass(); // as the token store does before it writes the processor's token

        assertThat(stored.sequence(VIEW, "opportunity-1")).isEqualTo(3);
        assertThat(stored.sequence(VIEW, "opportunity-2")).isZero();
    }

    @Test
    void aPositionReadInThisProcess_waitsForAWriteInFlightNoLongerThanASecond() {
        positions.recordInBackground(VIEW, Map.of("opportunity-1", 3L));

        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThat(positions.sequence(VIEW, "opportunity-1")).isEqualTo(-1));
    }

    @Test
    void outsideAProcessorsBatch_positionsAreWrittenAtOnce() {
        Thread retry = new Thread(() -> { // a dead letter retried on a request's thread: no token follows
            DefaultUnitOfWork<EventMessage<?>> unitOfWork =
                    DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("an event"));
            ViewBatch.of(VIEW, positions).applied("opportunity-1", 3);
            unitOfWork.commit();
        });
        retry.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> retry.getState() == Thread.State.WAITING
                || retry.getState() == Thread.State.TIMED_WAITING || retry.getState() == Thread.State.TERMINATED);
        assertThat(retry.getState()).as("the commit waits for the write").isNotEqualTo(Thread.State.TERMINATED);

        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> retry.getState() == Thread.State.TERMINATED);
        assertThat(stored.sequence(VIEW, "opportunity-1")).isEqualTo(3);
    }

    @Test
    void twoSegmentsOfAViewInOneProcess_doNotWaitForEachOthersWrites() {
        positions.recordInBackground(VIEW, Map.of("opportunity-1", 3L)); // segment 0's, in flight
        CompletableFuture<Void> segment1 = CompletableFuture.runAsync(
                () -> positions.recordInBackground(VIEW, Map.of("opportunity-2", 5L)));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> segment1.join());
        gate.countDown();
        TokenFence.pass();
        assertThat(stored.sequence(VIEW, "opportunity-1")).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> stored.sequence(VIEW, "opportunity-2") == 5);
    }

    @Test
    void aResetWaitsForTheViewsWriteInFlight_soThatNoPositionLandsAfterIt() {
        positions.recordInBackground(VIEW, Map.of("opportunity-1", 3L));
        Thread reset = new Thread(() -> positions.clear(VIEW));
        reset.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> reset.getState() == Thread.State.WAITING
                || reset.getState() == Thread.State.TERMINATED);

        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> reset.getState() == Thread.State.TERMINATED);

        assertThat(stored.sequence(VIEW, "opportunity-1")).isEqualTo(-1);
    }
}
