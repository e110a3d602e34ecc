package io.candor.query.support;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A view catching up makes way for the requests being served, for a bounded time, and a view following does not. */
class RequestsInFlightTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

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
        Thread processor = new Thread(() -> RequestsInFlight.makeWay(TimeUnit.SECONDS.toNanos(60)));
        processor.start();

        await().atMost(WITHIN).until(() -> processor.getState() == Thread.State.TIMED_WAITING);
        RequestsInFlight.exit();
        entered--;

        processor.join(WITHIN.toMillis());
        assertThat(processor.isAlive()).as("woken when the request was served").isFalse();
    }

    @Test
    @Timeout(10) // the request is never served: without the bound, the first call would not return
    void aProcessorMakesWayForABoundedTime_andThenRunsAsLongBeforeItWaitsAgain() {
        enter();
        long waysMade = RequestsInFlight.waysMade();

        RequestsInFlight.makeWay(TimeUnit.MILLISECONDS.toNanos(50));
        RequestsInFlight.makeWay(TimeUnit.SECONDS.toNanos(60));

        assertThat(RequestsInFlight.waysMade() - waysMade).as("the second call came within the first's pause")
                .isEqualTo(1);
    }

    @Test
    @Timeout(10)
    void nothingServed_nothingWaits() {
        long waysMade = RequestsInFlight.waysMade();

        RequestsInFlight.makeWay(TimeUnit.SECONDS.toNanos(60));

        assertThat(RequestsInFlight.waysMade()).isEqualTo(waysMade);
    }

    @Test
    void aBatchCatchingUp_makesWayBetweenItsEvents_aBatchFollowingTheCommandsDoesNot() {
        enter();

        long following = waysMadeHandling(ViewBatch.CATCHING_UP - 1);
        long catchingUp = waysMadeHandling(ViewBatch.CATCHING_UP);

        assertThat(following).isZero();
        assertThat(catchingUp).isPositive();
    }

    /** Handles a batch of that many events, each through a view's batch, while a request is being served. */
    private long waysMadeHandling(int events) {
        List<EventMessage<?>> batch = IntStream.range(0, events)
                .<EventMessage<?>>mapToObj(i -> GenericEventMessage.asEventMessage("event " + i)).toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        AtomicInteger handled = new AtomicInteger();
        long before = RequestsInFlight.waysMade();
        assertTimeoutPreemptively(WITHIN, () -> unitOfWork.execute(() -> {
            ViewBatch.of("following", positions);
            handled.incrementAndGet();
        }));
        assertThat(handled).hasValue(events);
        return RequestsInFlight.waysMade() - before;
    }

    private void enter() {
        RequestsInFlight.enter();
        entered++;
    }
}
