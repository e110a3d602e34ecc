package io.candor.query.admin;

import io.candor.query.support.ViewPositions;
import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replays of the views started in this process, and their progress.
 * <p>
 * A replay is Axon's reset: the view's processor is stopped, its tokens reset (the projections' reset handlers empty
 * the view and its positions; its dead letters are dropped, to be parked again if they still fail) and started
 * again from the first event. It is DONE once every segment this process holds has applied the events up to the head
 * of the store as it was when the replay began, and the writes of the view's positions in flight when they got there
 * ({@link ViewPositions}, in the background) have ended: a processor's status moves past a batch once the
 * batch has committed, while its positions may still be on their way, and the view is not rebuilt without them. A
 * write that failed has ended too (its positions go again with the processor's next batch, and its token waits for
 * them); writes begun later, of events stored since the replay began, are not waited for, so a view under load
 * finishes its replay. (Not when Axon's replay flag drops: a processor stays "replaying" until it meets an event
 * stored after the reset, which in a quiet store may never come.) Position is the least global index the segments
 * here reached ({@code token.position()}); events applied, events per second and time left are reckoned in positions
 * from the tail, over the time since the start. The finish instant is noticed by a check every
 * {@value #CHECK_MILLIS} ms.
 */
@Component
class ViewReplays {

    static final long CHECK_MILLIS = 200;

    enum State { NONE, RUNNING, DONE }

    /** A replay's progress, as {@code GET /admin/views/{view}/replay} answers it. */
    record Progress(String view, State state, long position, long head, Long eventsApplied, Double eventsPerSecond,
                    Double secondsLeft, Instant startedAt, Instant finishedAt) {
    }

    /**
     * A replay begun; {@code lastWrites} are the writes of positions in flight when its processor first reached the
     * target (null until then), {@code finishedAt} when they had ended.
     */
    private record Replay(Instant startedAt, long fromPosition, long targetPosition,
                          AtomicReference<CompletableFuture<Void>> lastWrites, AtomicReference<Instant> finishedAt) {
    }

    private final ViewProcessors processors;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final ViewPositions positions;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor watcher = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "view-replay-watcher");
        thread.setDaemon(true);
        return thread;
    });

    ViewReplays(ViewProcessors processors, EventStore events, ViewPositions positions) {
        this.processors = processors;
        this.events = events;
        this.positions = positions;
        watcher.prestartCoreThread(); // now, not from the first request to replay (see ViewProcessors)
    }

    /** Starts replaying {@code view}; a 409 if a replay of it runs already. */
    Progress start(String view) {
        TrackingEventProcessor processor = processors.processor(view);
        synchronized (processors.lock(view)) {
            if (progress(view).state() == State.RUNNING) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "A replay of view '" + view + "' is running");
            }
            long target = head();
            processors.shutDown(processor);
            Replay replay;
            try {
                processor.resetTokens();
                replay = new Replay(Instant.now(), position(events.createTailToken()), target, new AtomicReference<>(),
                        new AtomicReference<>());
                replays.put(view, replay);
            } catch (UnableToClaimTokenException claimedElsewhere) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "Another query-side process holds segments of "
                        + "view '" + view + "': stop the view there (or that process) before replaying it");
            } finally {
                processors.start(processor); // whatever happened, the view goes on in this process
            }
            ScheduledFuture<?>[] check = new ScheduledFuture<?>[1];
            check[0] = watcher.scheduleWithFixedDelay(() -> {
                try {
                    if (progress(view).state() != State.RUNNING || replays.get(view) != replay) {
                        check[0].cancel(false);
                    }
                } catch (RuntimeException storeUnreadable) {
                    // the next check tries again
                }
            }, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
            return progress(view);
        }
    }

    /** Where {@code view}'s last replay in this process stands; NONE if there was none. */
    Progress progress(String view) {
        TrackingEventProcessor processor = processors.processor(view);
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = segments.isEmpty() ? -1 : Long.MAX_VALUE;
        for (EventTrackerStatus segment : segments.values()) {
            position = Math.min(position, position(segment.getTrackingToken()));
        }
        long head = head();
        Replay replay = replays.get(view);
        if (replay == null) {
            return new Progress(view, State.NONE, position, head, null, null, null, null, null);
        }
        if (replay.finishedAt().get() == null && !segments.isEmpty() && position >= replay.targetPosition()) {
            // the status is read first: a batch registers its positions' write before its status moves past it
            replay.lastWrites().compareAndSet(null, positions.writesInFlight(view));
            if (replay.lastWrites().get().isDone()) {
                replay.finishedAt().compareAndSet(null, Instant.now());
            }
        }
        Instant finishedAt = replay.finishedAt().get();
        long applied = Math.max(0, position - replay.fromPosition());
        Duration elapsed = Duration.between(replay.startedAt(), finishedAt == null ? Instant.now() : finishedAt);
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
        double perSecond = applied / seconds;
        Double secondsLeft = finishedAt != null ? Double.valueOf(0)
                : perSecond > 0 ? Double.valueOf(Math.max(0, head - position) / perSecond) : null;
        return new Progress(view, finishedAt == null ? State.RUNNING : State.DONE, position, head, applied,
                perSecond, secondsLeft, replay.startedAt(), finishedAt);
    }

    private long head() {
        return position(events.createHeadToken());
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    @PreDestroy
    void stop() {
        watcher.shutdownNow();
    }
}
