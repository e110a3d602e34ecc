package io.candor.query.admin;

import io.candor.query.support.QueryNotFoundException;
import io.candor.query.support.ViewProcessingConfiguration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The views' processors in this process, found by view name (an unknown view is a 404), and the one lock per view
 * that the admin operations stopping a processor take, so that two of them never interleave their stop and start.
 */
@Component
class ViewProcessors {

    private final EventProcessingConfiguration processing;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    ViewProcessors(EventProcessingConfiguration processing) {
        this.processing = processing;
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
                processor.shutDown();
            }
            try {
                return work.get();
            } finally {
                if (running) {
                    processor.start();
                }
            }
        }
    }
}
