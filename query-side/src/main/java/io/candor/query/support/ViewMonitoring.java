package io.candor.query.support;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far behind each view is, in this process: the health component {@code views} and the gauges
 * {@code candor.view.lag} (events, Prometheus {@code candor_view_lag_events}) and {@code candor.view.segments}
 * (segments claimed here), tagged {@code view}.
 * <p>
 * Lag is the number of positions between the head of the event store and the least advanced segment this process
 * holds of the view: 0 for a view that has applied everything. A view whose processor is stopped or failing makes
 * the component DOWN; a view that is merely behind stays UP with its lag in the details, so a replay does not take
 * the process out of service.
 */
@Component("viewsHealthIndicator") // the health component "views"
class ViewMonitoring implements HealthIndicator, MeterBinder {

    private final EventProcessingConfiguration processing;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;

    ViewMonitoring(EventProcessingConfiguration processing, EventStore events) {
        this.processing = processing;
        this.events = events;
    }

    /** What one view's processor reports here. */
    record ViewState(boolean running, boolean failing, int segments, boolean caughtUp, long lagEvents) {
    }

    /** The lag while the head of the store cannot be read. */
    private static final long UNKNOWN = -1;

    Optional<ViewState> state(String view) {
        return state(view, head());
    }

    private Optional<ViewState> state(String view, OptionalLong head) {
        return processing.eventProcessor(view, TrackingEventProcessor.class).map(processor -> state(processor, head));
    }

    private ViewState state(TrackingEventProcessor processor, OptionalLong head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        boolean failing = processor.isError();
        boolean caughtUp = true;
        long lag = head.isPresent() ? 0 : UNKNOWN;
        for (EventTrackerStatus segment : segments.values()) {
            failing |= segment.isErrorState();
            caughtUp &= segment.isCaughtUp();
            TrackingToken token = segment.getTrackingToken();
            long position = token == null ? -1 : token.position().orElse(-1);
            if (head.isPresent()) {
                lag = Math.max(lag, head.getAsLong() - position);
            }
        }
        return new ViewState(processor.isRunning(), failing, segments.size(), caughtUp, lag);
    }

    /** The position of the newest event, or nothing while the event store cannot be read (MongoDB down). */
    private OptionalLong head() {
        try {
            return OptionalLong.of(events.createHeadToken().position().orElse(-1));
        } catch (RuntimeException unreadable) {
            return OptionalLong.empty();
        }
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        OptionalLong head = head(); // once for every view: while MongoDB is down, each read waits for it
        for (String view : ViewProcessingConfiguration.VIEWS) {
            Optional<ViewState> state = state(view, head);
            if (state.isEmpty() || !state.get().running() || state.get().failing()) {
                health.down();
            }
            health.withDetail(view, state.<Object>map(ViewMonitoring::details).orElse("no processor"));
        }
        return health.build();
    }

    private static Map<String, Object> details(ViewState state) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("running", state.running());
        details.put("failing", state.failing());
        details.put("segments", state.segments());
        details.put("caughtUp", state.caughtUp());
        details.put("lagEvents", state.lagEvents() == UNKNOWN ? null : state.lagEvents());
        return details;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String view : ViewProcessingConfiguration.VIEWS) {
            Gauge.builder("candor.view.lag", this, monitoring -> monitoring.state(view)
                            .filter(state -> state.lagEvents() != UNKNOWN)
                            .map(state -> (double) state.lagEvents()).orElse(Double.NaN))
                    .description("Events stored that the view has not applied yet, in this process's segments")
                    .baseUnit("events").tag("view", view).register(registry);
            Gauge.builder("candor.view.segments", this, monitoring -> monitoring.state(view)
                            .map(ViewState::segments).orElse(0))
                    .description("Segments of the view's processor claimed by this process")
                    .tag("view", view).register(registry);
        }
    }
}
