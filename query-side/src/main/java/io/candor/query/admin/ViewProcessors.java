package io.candor.query.admin;

import io.candor.infrastructure.Uninterruptibly;
import io.candor.query.support.QueryNotFoundException;
import io.candor.query.support.RequestsInFlight;
import io.candor.query.support.ViewProcessingConfiguration;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The views' processors in this process, found by view name (an unknown view is a 404), and the one lock per view
 * that the admin operations stopping a processor take, so that two of them never interleave their stop and start.
 * <p>
 * A processor is shut down and started again from a thread of this class's own, started with the application, never
 * from the request that asks for it: a thread begins at the CPU priority (nice value) of the thread that starts it,
 * and the launcher runs its request threads at a lower one than its views'.
 */
@Component
class ViewProcessors {

    private final EventProcessingConfiguration processing;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor control = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
        Thread thread = new Thread(runnable, "view-processor-control");
        thread.setDaemon(true);
        return thread;
    });

    ViewProcessors(EventProcessingConfiguration processing) {
        this.processing = processing;
        control.prestartCoreThread(); // now, from the thread that builds the application
    }

    /** {@code view}'s name, checked: a 404 unless it is one of the views. */
    String known(String view) {
        if (!ViewProcessingConfiguration.VIEWS.contains(view)) {
            throw new QueryNotFoundException("No view named '" + view + "'; the views are "
                    + String.join(", ", ViewProcessingConfiguration.VIEWS));
        }
        return view;
    }

    TrackingEventProcessor processor(String view) {
        return processing.eventProcessor(known(view), TrackingEventProcessor.class)
                .orElseThrow(() -> new QueryNotFoundException("View '" + view + "' has no processor in this process"));
    }

    Object lock(String view) {
        return locks.computeIfAbsent(known(view), v -> new Object());
    }

    /**
     * Runs {@code work} while {@code view}'s processor is stopped in this process, and starts it again if it ran:
     * the work then writes the view alone here (a shut-down processor finishes its batch and releases its segments).
     */
    <T> T whileStopped(String view, Supplier<T> work) {
        TrackingEventProcessor processor = processor(view);
        synchronized (lock(view)) {
            boolean running = processor.isRunning();
            if (running) {
                shutDown(processor);
            }
            try {
                return work.get();
            } finally {
                if (running) {
                    start(processor);
                }
            }
        }
    }

    /** Starts {@code processor} from this class's own thread (see above), and returns once it has started. */
    void start(TrackingEventProcessor processor) {
        onOwnThread("start", processor, processor::start);
    }

    /**
     * Shuts {@code processor} down from this class's own thread, and returns once it has: Axon waits for each of its
     * workers on a thread of Java's common pool, which the calling thread may start (on more than two cores).
     */
    void shutDown(TrackingEventProcessor processor) {
        onOwnThread("shut down", processor, processor::shutDown);
    }

    /**
     * Runs {@code action} on the control thread and waits for it, through an interrupt too (the interrupt is kept):
     * a shutdown already handed on goes ahead, and its caller must not leave before it can start the processor again.
     */
    private void onOwnThread(String what, TrackingEventProcessor processor, Runnable action) {
        Future<?> done = control.submit(action);
        RequestsInFlight.whileWaiting(() -> awaitDone(done, what, processor)); // no view makes way for this wait
    }

    private static void awaitDone(Future<?> done, String what, TrackingEventProcessor processor) {
        try {
            Uninterruptibly.get(done);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("Could not " + what + " the processor of " + processor.getName(),
                    e.getCause());
        }
    }

    @PreDestroy
    void stop() {
        for (Runnable neverRun : control.shutdownNow()) {
            if (neverRun instanceof Future<?> waitedFor) {
                waitedFor.cancel(false); // its caller then stops waiting
            }
        }
    }
}
