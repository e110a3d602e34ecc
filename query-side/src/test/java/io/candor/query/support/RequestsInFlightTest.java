package io.candor.query.support;

import com.mongodb.client.MongoDatabase;
import io.candor.infrastructure.security.TenantAccess;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A view catching up makes way for the requests being served, within a slot, and a view following does not; a request
 * waiting for something else is not made way for.
 */
class RequestsInFlightTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final long SLOT = TimeUnit.SECONDS.toNanos(60);

    private final MongoDatabase database = TestMongo.freshDatabase();
    private final ViewPositions positions = new ViewPositions(database);
    private int entered;

    @AfterEach
    void served() {
        while (entered > 0) {
            RequestsInFlight.exit();
            entered--;
        }
        positions.close();
    }

    @Test
    void aProcessorMakingWay_waitsUntilTheRequestIsServed() throws Exception {
        enter();
        Thread processor = new Thread(() -> RequestsInFlight.makeWay(SLOT, oddSlotNow(SLOT)));
        processor.start();

        await().atMost(WITHIN).until(() -> processor.getState() == Thread.State.TIMED_WAITING);
        RequestsInFlight.exit();
        entered--;

        processor.join(WITHIN.toMillis());
        assertThat(processor.isAlive()).as("woken when the request was served").isFalse();
    }

    @Test
    @Timeout(10) // the request is never served: without the slot's end, the call would not return
    void aProcessorMakesWayUntilItsSlotEnds_andNotInTheSlotsOfRunning() {
        enter();
        long slot = TimeUnit.MILLISECONDS.toNanos(50);
        long waysMade = RequestsInFlight.waysMade();

        RequestsInFlight.makeWay(slot, oddSlotNow(slot));
        RequestsInFlight.makeWay(SLOT, evenSlotNow(SLOT));

        assertThat(RequestsInFlight.waysMade() - waysMade).as("the second call came in a slot of running")
                .isEqualTo(1);
    }

    @Test
    @Timeout(10)
    void nothingServed_nothingWaits() {
        long waysMade = RequestsInFlight.waysMade();

        RequestsInFlight.makeWay(SLOT, oddSlotNow(SLOT));

        assertThat(RequestsInFlight.waysMade()).isEqualTo(waysMade);
    }

    @Test
    @Timeout(10) // counted while it waits, the request would be made way for until the 60-second slot ends
    void aRequestWaitingForSomethingElse_isNotCountedWhileItWaits_andIsAgainAfter() {
        enter();
        int serving = RequestsInFlight.serving();
        long waysMade = RequestsInFlight.waysMade();

        RequestsInFlight.whileWaiting(() -> {
            assertThat(RequestsInFlight.serving()).isEqualTo(serving - 1);
            RequestsInFlight.whileWaiting(() -> assertThat(RequestsInFlight.serving()).as("nested")
                    .isEqualTo(serving - 1));
            RequestsInFlight.makeWay(SLOT, oddSlotNow(SLOT));
        });

        assertThat(RequestsInFlight.waysMade()).as("no way made for a request that waits").isEqualTo(waysMade);
        assertThat(RequestsInFlight.serving()).isEqualTo(serving);
    }

    @Test
    void aThreadServingNoRequest_waitsWithoutChangingTheCount() {
        int serving = RequestsInFlight.serving();

        RequestsInFlight.whileWaiting(() -> assertThat(RequestsInFlight.serving()).isEqualTo(serving));

        assertThat(RequestsInFlight.serving()).isEqualTo(serving);
    }

    @Test
    void aRequestWaitingForAViewToApplyAnEvent_isNotCountedWhileItWaits() throws Exception {
        ReadYourWrites readYourWrites = new ReadYourWrites(positions, WITHIN, new TenantAccess(null),
                new ViewLingering(Duration.ofMillis(100)));
        int serving = RequestsInFlight.serving();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread request = new Thread(() -> {
            RequestsInFlight.enter();
            try {
                readYourWrites.await(List.of("candidate-1:0"), null, "pipeline");
            } catch (Throwable failure) {
                failed.set(failure);
            } finally {
                RequestsInFlight.exit();
            }
        });
        request.start();

        await().atMost(WITHIN).until(() -> request.getState() == Thread.State.TIMED_WAITING
                && RequestsInFlight.serving() == serving); // asleep between two reads of the view's position
        positions.record("pipeline", "candidate-1", 0);

        request.join(WITHIN.toMillis());
        assertThat(request.isAlive()).as("answered once the view applied the event").isFalse();
        assertThat(failed.get()).isNull();
        assertThat(RequestsInFlight.serving()).isEqualTo(serving);
    }

    @Test
    void aBatchCatchingUp_isAFullOne_orAReplay() {
        assertThat(ViewBatch.catchingUp(batchOf(ViewBatch.CATCHING_UP - 1, false))).isFalse();
        assertThat(ViewBatch.catchingUp(batchOf(ViewBatch.CATCHING_UP, false))).isTrue();
        assertThat(ViewBatch.catchingUp(batchOf(3, true))).isTrue();
    }

    @Test
    void aBatchCatchingUp_makesWayBetweenItsEvents_aBatchFollowingTheCommandsDoesNot() {
        enter();
        long before = RequestsInFlight.waysMade();
        long until = System.nanoTime() + 3 * TimeUnit.MILLISECONDS.toNanos(RequestsInFlight.SLOT_MILLIS);
        while (System.nanoTime() < until) { // through a slot of making way at least
            handle(batchOf(100, false));
        }
        assertThat(RequestsInFlight.waysMade()).as("following").isEqualTo(before);

        await().atMost(WITHIN).until(() -> {
            handle(batchOf(3, true));
            return RequestsInFlight.waysMade() > before;
        });
    }

    private void handle(BatchingUnitOfWork<EventMessage<?>> unitOfWork) {
        unitOfWork.execute(() -> ViewBatch.of("following", positions));
    }

    private static BatchingUnitOfWork<EventMessage<?>> batchOf(int events, boolean replay) {
        List<EventMessage<?>> batch = IntStream.range(0, events).<EventMessage<?>>mapToObj(i -> {
            GlobalSequenceTrackingToken position = new GlobalSequenceTrackingToken(i);
            return new GenericTrackedEventMessage<>(replay
                    ? ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(events + 10), position)
                    : position, GenericEventMessage.asEventMessage("event " + i));
        }).toList();
        return new BatchingUnitOfWork<>(batch);
    }

    /** An instant in a slot of making way (an odd one), now or within the next slot. */
    private static long oddSlotNow(long slot) {
        long now = System.nanoTime();
        return (Math.floorDiv(now, slot) & 1) == 1 ? now : now + slot;
    }

    /** An instant in a slot of running (an even one). */
    private static long evenSlotNow(long slot) {
        long now = System.nanoTime();
        return (Math.floorDiv(now, slot) & 1) == 0 ? now : now + slot;
    }

    private void enter() {
        RequestsInFlight.enter();
        entered++;
    }
}
