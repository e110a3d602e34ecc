package io.candor.query.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests this process is serving, as the launcher counts them ({@link #enter()}, {@link #exit()}), so that a
 * view catching up makes way for them. The launcher runs its request threads at a lower CPU priority than its views'
 * processors: live, the views' work is bounded by what the requests write and they keep up; catching up (a replay,
 * a rebuild after a release), a processor is always busy, and a request would wait for a small share of the CPU.
 * So a processor handling a large batch ({@link ViewBatch}) calls {@link #makeWay()} between two events: while a
 * request is being served, it waits until none is, for {@value #MOST_PAUSE_MILLIS} ms at most, and then runs at
 * least as long before it waits again. A request that needs more of the CPU than that, or one that waits for the
 * view itself, gets about half of it while the views catch up at about half their rate; nothing waits for good.
 * Outside the launcher nothing counts requests, and no processor waits.
 */
public final class RequestsInFlight {

    static final long MOST_PAUSE_MILLIS = 20;
    private static final long MOST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(MOST_PAUSE_MILLIS);
    private static final Object LOCK = new Object();
    /** Written under {@link #LOCK}; read without it on every event of a large batch. */
    private static volatile int serving;
    private static final AtomicLong WAYS_MADE = new AtomicLong();
    /** When the thread last made way; never, at first. */
    private static final ThreadLocal<long[]> LAST_WAY_MADE =
            ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

    private RequestsInFlight() {
    }

    /** A request begins to be served. */
    public static void enter() {
        synchronized (LOCK) {
            serving++;
        }
    }

    /** A request has been served. */
    public static void exit() {
        synchronized (LOCK) {
            if (--serving == 0) {
                LOCK.notifyAll();
            }
        }
    }

    /** How many times a processor has made way in this process. */
    static long waysMade() {
        return WAYS_MADE.get();
    }

    /**
     * Waits while a request is being served, for {@value #MOST_PAUSE_MILLIS} ms at most, unless the calling thread
     * made way less than that long ago.
     */
    static void makeWay() {
        makeWay(MOST_PAUSE_NANOS);
    }

    static void makeWay(long mostPauseNanos) {
        if (serving == 0) {
            return;
        }
        long[] lastWayMade = LAST_WAY_MADE.get();
        long now = System.nanoTime();
        if (lastWayMade[0] != Long.MIN_VALUE && now - lastWayMade[0] < mostPauseNanos) {
            return;
        }
        WAYS_MADE.incrementAndGet();
        long deadline = now + mostPauseNanos;
        synchronized (LOCK) {
            long left;
            while (serving > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(LOCK, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        lastWayMade[0] = System.nanoTime();
    }
}
