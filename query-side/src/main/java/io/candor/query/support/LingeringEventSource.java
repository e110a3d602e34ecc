package io.candor.query.support;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The event store as a view's processor follows it, lingering at the head: when a new event arrives, the processor
 * starts its batch once the event has been recorded for {@code linger}, so the events recorded meanwhile join the
 * same batch and share its reads, its writes and its token. A view that follows the head otherwise handles each
 * event in a batch of its own, with every round trip a batch costs (the event's documents read and written, the
 * positions, the token), which on two cores took more CPU than the command itself.
 * <p>
 * Only the wait for a batch's first event lingers, and only while that event is younger than {@code linger}: a
 * processor catching up, or one that fell behind under load, finds its next event older than that and starts at
 * once. The wait is measured from the event's timestamp (its recording time, by the clock of the process that
 * recorded it) and never exceeds {@code linger} from now, whatever the two clocks say; it is timed by the monotonic
 * clock, so a wall clock set back does not stretch it. Nor does it outlast the processor's own wait for an event
 * (Axon's one second): a longer linger is waited out in slices, between which the processor extends its claim,
 * releases segments and notices a shutdown, as it does when no event comes.
 * <p>
 * A reader waiting for the view to apply its own write ({@link ReadYourWrites}) {@linkplain #hurry() hurries} it:
 * the processor stops lingering at once, and does not linger again while readers keep waiting.
 */
public final class LingeringEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** How long a {@link #hurry()} keeps the processor from lingering: longer than a reader's pause between looks. */
    static final Duration HURRIED_FOR = Duration.ofMillis(500);

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final Duration linger;
    private final Clock clock;
    /** Guards {@link #hurriedUntil}; a lingering processor waits on it. */
    private final Object hurries = new Object();
    /** Until when ({@link System#nanoTime()}) the processor does not linger: a reader is waiting. */
    private long hurriedUntil = System.nanoTime();

    public LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> events, Duration linger, Clock clock) {
        this.events = Objects.requireNonNull(events);
        this.linger = Objects.requireNonNull(linger);
        this.clock = Objects.requireNonNull(clock);
        if (linger.isNegative()) {
            throw new IllegalArgumentException("A linger cannot be negative: " + linger);
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        BlockingStream<TrackedEventMessage<?>> stream = events.openStream(trackingToken);
        return linger.isZero() ? stream : new LingeringStream(stream);
    }

    @Override
    public TrackingToken createTailToken() {
        return events.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return events.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return events.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return events.createTokenSince(duration);
    }

    /**
     * Stops the processor's lingering now and for {@link #HURRIED_FOR}: a reader waits for the view. A reader that
     * goes on waiting calls it again each time it looks.
     */
    public void hurry() {
        synchronized (hurries) {
            long until = System.nanoTime() + HURRIED_FOR.toNanos();
            if (until - hurriedUntil > 0) {
                hurriedUntil = until;
            }
            hurries.notifyAll();
        }
    }

    /**
     * Waits {@code wait}, but at most {@code limitNanos}, and less if the processor is hurried meanwhile: true once
     * the batch may start (the wait is over, or hurried), false if the limit came first.
     */
    private boolean linger(Duration wait, long limitNanos) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + Math.min(wait.toNanos(), limitNanos);
        synchronized (hurries) {
            for (long now = start; now - hurriedUntil >= 0; now = System.nanoTime()) {
                if (now - end >= 0) {
                    return wait.toNanos() <= limitNanos;
                }
                TimeUnit.NANOSECONDS.timedWait(hurries, end - now);
            }
            return true;
        }
    }

    /** How long to wait before handling an event recorded at {@code recorded}, seen {@code now}; zero if none. */
    Duration waitFor(Instant recorded, Instant now) {
        Duration sinceRecorded = Duration.between(recorded, now);
        if (sinceRecorded.compareTo(linger) >= 0) {
            return Duration.ZERO;
        }
        return sinceRecorded.isNegative() ? linger : linger.minus(sinceRecorded);
    }

    private final class LingeringStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;

        LingeringStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        /**
         * The processor's wait for the first event of a batch: the one place that lingers, within the processor's
         * {@code timeout}. False if the event is still to be lingered over when the timeout ends: the processor
         * then does what it does when no event came, and asks again.
         */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long started = System.nanoTime();
            if (!stream.hasNextAvailable(timeout, unit)) {
                return false;
            }
            Optional<TrackedEventMessage<?>> next = stream.peek();
            if (timeout <= 0 || next.isEmpty()) {
                return true;
            }
            Duration wait = waitFor(next.get().getTimestamp(), clock.instant());
            long left = unit.toNanos(timeout) - (System.nanoTime() - started);
            return wait.isZero() || linger(wait, Math.max(0, left));
        }

        /** Whether an event is there now, never waiting: how the processor fills a batch it has started. */
        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
