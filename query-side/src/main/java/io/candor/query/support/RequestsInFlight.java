package io.candor.query.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests this process is serving, as the launcher counts them ({@link #enter()}, {@link #exit()}), so that a
 * view catching up makes way for them. The launcher runs its request threads at a lower CPU priority than its views'
 * processors: live, the views' work is bounded by what the requests write and they keep up; catching up (a replay,
 * a rebuild after a release), a processor is always busy, and a request would wait for a small share of the CPU.
 * So a processor handling such a batch ({@link ViewBatch}) calls {@link #makeWay()} between two events. Time is cut
 * in slots of {@value #SLOT_MILLIS} ms, the same for every processor: in every other one, a processor waits while a
 * request is being served, until none is or the slot ends. All of them make way at once, so a request gets the
 * cores then; one that needs more of the CPU, or one that waits for a view itself, gets about half of it while the
 * views catch up at about half their rate; nothing waits for good. A request that waits for something else (a view
 * to apply an event, a processor to stop) is not counted while it waits ({@link #whileWaiting}): it needs no CPU, and
 * what it waits for may be the very view that would make way for it. Outside the launcher nothing counts requests,
 * and no processor waits.
 */
public final class RequestsInFlight {

    static final long SLOT_MILLIS = 20;
    private static final long SLOT_NANOS = TimeUnit.MILLISECONDS.toNanos(SLOT_MILLIS);
    private static final Object LOCK = new Object();
    /** Written under {@link #LOCK}; read without it on every event of a batch catching up. */
    private static volatile int serving;
    private static final AtomicLong WAYS_MADE = new AtomicLong();
    /**
     * How many of the requests counted the current thread is serving: one in the launcher's filter (two in a forward
     * or include within it), none elsewhere or while it waits.
     */
    private static final ThreadLocal<int[]> SERVED_HERE = ThreadLocal.withInitial(() -> new int[1]);

    private RequestsInFlight() {
    }

    /** A request begins to be served. */
    public static void enter() {
        SERVED_HERE.get()[0]++;
        add(1);
    }

    /** A request has been served. */
    public static void exit() {
        SERVED_HERE.get()[0]--;
        add(-1);
    }

    /**
     * Runs {@code wait}, in which the calling thread waits for something else to happen, with the requests it serves
     * not counted meanwhile (on a thread serving none, it just runs it).
     */
    public static void whileWaiting(Runnable wait) {
        int[] servedHere = SERVED_HERE.get();
        int here = servedHere[0];
        if (here == 0) {
            wait.run();
            return;
        }
        servedHere[0] = 0; // a wait within this one takes nothing off again
        add(-here);
        try {
            wait.run();
        } finally {
            servedHere[0] = here;
            add(here);
        }
    }

    private static void add(int requests) {
        synchronized (LOCK) {
            serving += requests;
            if (serving == 0) {
                LOCK.notifyAll();
            }
        }
    }

    /** How many requests are being served. */
    public static int serving() {
        return serving;
    }

    /** How many times a processor has made way in this process. */
    static long waysMade() {
        return WAYS_MADE.get();
    }

    /** In a slot of making way, waits while a request is being served, until the slot ends at the latest. */
    static void makeWay() {
        makeWay(SLOT_NANOS, System.nanoTime());
    }

    /** {@link #makeWay()} in slots of {@code slotNanos}, at the instant {@code now} ({@link System#nanoTime()}). */
    static void makeWay(long slotNanos, long now) {
        if (serving == 0) {
            return;
        }
        long slot = Math.floorDiv(now, slotNanos);
        if ((slot & 1) == 0) {
            return; // a slot of running
        }
        WAYS_MADE.incrementAndGet();
        long slotEnd = (slot + 1) * slotNanos;
        synchronized (LOCK) {
            long left;
            while (serving > 0 && (left = slotEnd - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(LOCK, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
