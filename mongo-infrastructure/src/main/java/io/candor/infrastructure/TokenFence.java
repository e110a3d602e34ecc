package io.candor.infrastructure;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a thread has left to finish in the background that must be stored before the next token that thread writes.
 * A processor's token says that the events before it are done with: a process that dies after writing it does not
 * handle them again, so whatever they left to write in the background would never be written. A processor's thread
 * {@linkplain #await registers} a wait for such a write; {@link FreshClaimTokenStore} {@linkplain #pass passes} the
 * fence before each token it writes, on the thread that writes it (a processor stores its token, extends and
 * releases its claim on its own thread). A busy processor writes its token about once a second, so the waits
 * registered meanwhile are few, and mostly over by then.
 */
public final class TokenFence {

    private static final ThreadLocal<List<Runnable>> WAITS = ThreadLocal.withInitial(ArrayList::new);

    private TokenFence() {
    }

    /**
     * Registers, for the current thread, a wait to run before its next token is written: it returns once what it
     * waits for is stored, and throws if that failed, so that the token is not written.
     */
    public static void await(Runnable wait) {
        WAITS.get().add(wait);
    }

    /** Forgets the current thread's waits, unrun: for a thread that will write no token (a test's, at its end). */
    public static void forget() {
        WAITS.remove();
    }

    /**
     * Runs the current thread's waits, each once. If one throws, the others still run and stay passed; the first
     * failure is thrown, with the others suppressed.
     */
    public static void pass() {
        List<Runnable> waits = WAITS.get();
        if (waits.isEmpty()) {
            return;
        }
        List<Runnable> toRun = new ArrayList<>(waits);
        waits.clear();
        RuntimeException failed = null;
        for (Runnable wait : toRun) {
            try {
                wait.run();
            } catch (RuntimeException failure) {
                if (failed == null) {
                    failed = failure;
                } else {
                    failed.addSuppressed(failure);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
