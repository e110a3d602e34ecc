package io.candor.standalone;

import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's nice value, on Linux: there it belongs to the thread, and {@code setpriority(2)} with
 * {@code PRIO_PROCESS} and {@code who} 0 sets the calling thread's. Raising it needs no privilege; lowering it again
 * needs {@code CAP_SYS_NICE}. A thread starts with the nice value of the thread that started it. Elsewhere (and
 * wherever the C library cannot be linked) nothing is changed, and {@link #unavailable()} says why.
 */
final class ThreadNice {

    static final int MOST_NICE = 19;
    private static final int PRIO_PROCESS = 0;
    private static final int CALLING_THREAD = 0;
    private static final Path CALLING_THREAD_STAT = Path.of("/proc/thread-self/stat");
    private static final Path PROCESS_STAT = Path.of("/proc/self/stat");
    /** Why nice values cannot be set here; null where they can. */
    private static final String UNAVAILABLE = link();

    private ThreadNice() {
    }

    /** Why this system cannot set a thread's nice value; null if it can. */
    static String unavailable() {
        return UNAVAILABLE;
    }

    /**
     * Raises the calling thread's nice value to {@code by} above the process's, {@value #MOST_NICE} at most: relative
     * to the process, so that a thread never ends up with a higher priority than the process had, and the same for a
     * thread that started at a request thread's value. False if this system could not.
     */
    static boolean raise(int by) {
        if (UNAVAILABLE != null) {
            return false;
        }
        Integer process = niceOf(PROCESS_STAT);
        Integer current = niceOf(CALLING_THREAD_STAT);
        if (process == null || current == null) {
            return false;
        }
        int target = Math.min(MOST_NICE, process + by);
        return current >= target || setpriority(PRIO_PROCESS, CALLING_THREAD, target) == 0;
    }

    /** Field 19 of a {@code stat(5)} file, counted after the command name, which may hold spaces and parentheses. */
    static Integer niceOf(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Integer.valueOf(fields[19 - 3]);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static native int setpriority(int which, int who, int prio);

    private static String link() {
        if (!Platform.isLinux()) {
            return "thread nice values are set on Linux only";
        }
        try {
            Native.register(ThreadNice.class, Platform.C_LIBRARY_NAME);
            return null;
        } catch (Throwable noNativeAccess) { // JNA's own library may fail to load with an Error of its own
            return "the C library could not be linked through JNA: " + noNativeAccess;
        }
    }
}
