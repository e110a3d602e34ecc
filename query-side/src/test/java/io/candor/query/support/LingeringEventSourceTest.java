package io.candor.query.support;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class LingeringEventSourceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void anEventYoungerThanTheLinger_waitsForTheRest_anOlderOneNotAtAll() {
        LingeringEventSource source = lingering(Duration.ofMillis(100), List.of());

        assertThat(source.waitFor(NOW, NOW)).isEqualTo(Duration.ofMillis(100));
        assertThat(source.waitFor(NOW.minusMillis(30), NOW)).isEqualTo(Duration.ofMillis(70));
        assertThat(source.waitFor(NOW.minusMillis(100), NOW)).isZero();
        assertThat(source.waitFor(NOW.minusSeconds(3600), NOW)).isZero();
        // Recorded by a clock ahead of this one: never more than the linger from now.
        assertThat(source.waitFor(NOW.plusSeconds(60), NOW)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aBatchStartsOnlyOnceItsFirstEventHasBeenRecordedForTheLinger() throws Exception {
        Duration linger = Duration.ofMillis(300);
        Instant recorded = Instant.now();
        BlockingStream<TrackedEventMessage<?>> stream = lingering(linger, List.of(recordedAt(recorded)))
                .openStream(null);

        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();

        assertThat(Duration.between(recorded, Instant.now())).isGreaterThanOrEqualTo(linger);
    }

    @Test
    void aLingerLongerThanTheProcessorsWait_endsWithNoEvent_soTheProcessorTendsItsClaimAndAsksAgain() {
        BlockingStream<TrackedEventMessage<?>> stream = lingering(Duration.ofHours(1),
                List.of(recordedAt(Instant.now()))).openStream(null);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(stream.peek()).isPresent(); // still there, for the next batch
        });
    }

    @Test
    void anOldEvent_fillingABatch_orNoTimeoutAtAll_neverLingers() {
        Duration linger = Duration.ofHours(1);
        BlockingStream<TrackedEventMessage<?>> old = lingering(linger,
                List.of(recordedAt(Instant.now().minusSeconds(7200)))).openStream(null);
        BlockingStream<TrackedEventMessage<?>> young = lingering(linger, List.of(recordedAt(Instant.now())))
                .openStream(null);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(old.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue(); // catching up: no wait
            assertThat(young.hasNextAvailable()).isTrue(); // how a started batch takes what is there
            assertThat(young.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isTrue();
        });
    }

    @Test
    void aHurry_endsTheLingerAtOnce_andKeepsTheNextBatchFromLingering() throws Exception {
        LingeringEventSource source = lingering(Duration.ofHours(1), List.of(recordedAt(Instant.now())));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicReference<Thread> waiting = new AtomicReference<>();
        CompletableFuture<Boolean> available = CompletableFuture.supplyAsync(() -> {
            waiting.set(Thread.currentThread());
            try {
                return stream.hasNextAvailable(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting.get() != null
                && waiting.get().getState() == Thread.State.TIMED_WAITING);
        assertThat(available).isNotDone();

        source.hurry();

        assertThat(available.get(10, TimeUnit.SECONDS)).isTrue();
        BlockingStream<TrackedEventMessage<?>> next = source.openStream(null);
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThat(next.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue());
    }

    private static LingeringEventSource lingering(Duration linger, List<TrackedEventMessage<?>> events) {
        StreamableMessageSource<TrackedEventMessage<?>> source = token -> new ListStream(events);
        return new LingeringEventSource(source, linger, Clock.systemUTC());
    }

    private static TrackedEventMessage<?> recordedAt(Instant recorded) {
        TrackingToken token = GapAwareTrackingToken.newInstance(0, List.of());
        return new GenericTrackedEventMessage<>(token,
                new GenericEventMessage<>("event-1", "payload", MetaData.emptyInstance(), recorded));
    }

    /** The events given, all available at once. */
    private static final class ListStream implements BlockingStream<TrackedEventMessage<?>> {

        private final Deque<TrackedEventMessage<?>> events;

        ListStream(List<TrackedEventMessage<?>> events) {
            this.events = new ArrayDeque<>(events);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(events.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return !events.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return events.poll();
        }

        @Override
        public void close() {
        }
    }
}
