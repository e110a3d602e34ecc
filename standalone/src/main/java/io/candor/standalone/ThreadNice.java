package io.candor.standalone;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The calling thread's nice value, on Linux: there it belongs to the thread, and {@code setpriority(2)} with
 * {@code PRIO_PROCESS} and {@code who} 0 sets the calling thread's. Raising it needs no privilege; lowering it again
 * needs {@code CAP_SYS_NICE}. A thread starts with the nice value of the thread that started it. Elsewhere (and
 * wherever the C library cannot be linked) nothing is changed and {@link #available()} says so.
 */
final class ThreadNice {

    private static final int PRIO_PROCESS = 0;
    private static final int CALLING_THREAD = 0;
    private static final boolean LINKED = link();

    private ThreadNice() {
    }

    static boolean available() {
        return LINKED;
    }

    /** Sets the calling thread's nice value; false where this system cannot. */
    static boolean set(int nice) {
        return LINKED && setpriority(PRIO_PROCESS, CALLING_THREAD, nice) == 0;
    }

    private static native int setpriority(int which, int who, int prio);

    private static boolean link() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Native.register(ThreadNice.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (LinkageError | RuntimeException noNativeAccess) {
            return false;
        }
    }
}
