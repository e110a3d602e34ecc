package io.candor.infrastructure.durability;

import java.util.Objects;

/**
 * Durability by group commit. A caller takes a ticket after its write; the first caller that finds no commit
 * running becomes the committer: it notes the last ticket taken, commits, and releases every ticket up to that
 * one. Callers who arrive while a commit runs wait for it to end and then share the next one, so under
 * concurrent load there are far fewer commits than writes, and a lone writer pays exactly one.
 * <p>
 * A ticket is released only by a commit that started after the ticket was taken, hence after its write was
 * applied: the commit covers it. A failed commit releases nobody; its caller sees the exception, and the
 * waiting callers try again themselves.
 */
public final class GroupCommit implements WriteDurability {

    private final Runnable commit;
    private final Object lock = new Object();
    private long ticketsTaken;
    private long durableUpTo;
    private boolean committing;
    private long commits;
    private long commitNanos;

    /** @param commit makes everything written so far durable; called by one thread at a time */
    public GroupCommit(Runnable commit) {
        this.commit = Objects.requireNonNull(commit);
    }

    @Override
    public void awaitDurable() {
        boolean interrupted = false;
        try {
            long ticket;
            synchronized (lock) {
                ticket = ++ticketsTaken;
            }
            while (true) {
                long upTo;
                synchronized (lock) {
                    while (committing && durableUpTo < ticket) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            // The write is already acknowledged: keep waiting, the commit takes about a millisecond.
                            interrupted = true;
                        }
                    }
                    if (durableUpTo >= ticket) {
                        return;
                    }
                    committing = true;
                    upTo = ticketsTaken;
                }
                commitUpTo(upTo);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void commitUpTo(long upTo) {
        boolean done = false;
        long started = System.nanoTime();
        try {
            commit.run();
            done = true;
        } finally {
            long took = System.nanoTime() - started;
            synchronized (lock) {
                committing = false;
                if (done) {
                    durableUpTo = Math.max(durableUpTo, upTo);
                    commits++;
                    commitNanos += took;
                }
                lock.notifyAll();
            }
        }
    }

    /** How many tickets callers have taken so far: one per {@link #awaitDurable()}. */
    public long ticketsTaken() {
        synchronized (lock) {
            return ticketsTaken;
        }
    }

    /** How many commits have succeeded so far. */
    public long commits() {
        synchronized (lock) {
            return commits;
        }
    }

    /** Time spent in successful commits so far, in nanoseconds. */
    public long commitNanos() {
        synchronized (lock) {
            return commitNanos;
        }
    }
}
