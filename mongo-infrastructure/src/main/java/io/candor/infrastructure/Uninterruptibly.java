package io.candor.infrastructure;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waits that an interrupt does not cut short, for what must not be left half done (a commit handed to another
 * thread, a processor being stopped): the wait goes on, and the interrupt is kept for the caller to see afterwards.
 */
public final class Uninterruptibly {

    private Uninterruptibly() {
    }

    /** {@link Future#get()}, waiting on through interrupts. */
    public static <T> T get(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link CountDownLatch#await()}, waiting on through interrupts. */
    public static void await(CountDownLatch latch) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    latch.await();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
