package io.candor.query.support;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How far behind each view is, in this process: the health component {@code views} and the gauges
 * {@code candor.view.lag} (seconds, Prometheus {@code candor_view_lag_seconds}) and {@code candor.view.segments}
 * (segments claimed here), tagged {@code view}.
 * <p>
 * Lag is the age of the newest event a view has applied while it is not caught up with the store, and zero once it
 * is: a view following the head closely reads 0, one catching up after an outage or a replay reads how old the
 * events it is working on are. (The Mongo store's token carries the timestamp of its last event, not a position.)
 * A view whose processor is stopped or failing makes the component DOWN; a view that is merely behind stays UP
 * with its lag in the details, so a replay does not take the process out of service.
 */
@Component("viewsHealthIndicator") // the health component "views"
class ViewMonitoring implements HealthIndicator, MeterBinder {

    private final EventProcessingConfiguration processing;
    private final Clock clock;

    ViewMonitoring(EventProcessingConfiguration processing) {
        this.processing = processing;
        this.clock = Clock.systemUTC();
    }

    /** What one view's processor reports here. */
    record ViewState(boolean running, boolean failing, int segments, boolean caughtUp, double lagSeconds) {
    }

    Optional<ViewState> state(String view) {
        return processing.eventProcessor(view, TrackingEventProcessor.class).map(this::state);
    }

    private ViewState state(TrackingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        boolean failing = processor.isError();
        boolean caughtUp = true;
        Duration lag = Duration.ZERO;
        for (EventTrackerStatus segment : segments.values()) {
            failing |= segment.isErrorState();
            if (!segment.isCaughtUp()) {
                caughtUp = false;
                Duration behind = behind(segment.getTrackingToken());
                lag = behind.compareTo(lag) > 0 ? behind : lag;
            }
        }
        return new ViewState(processor.isRunning(), failing, segments.size(), caughtUp, lag.toMillis() / 1000.0);
    }

    private Duration behind(TrackingToken token) {
        TrackingToken unwrapped = WrappedToken.unwrapLowerBound(token);
        if (unwrapped instanceof MongoTrackingToken mongo && mongo.getTimestamp() != null) {
            Duration age = Duration.between(mongo.getTimestamp(), clock.instant());
            return age.isNegative() ? Duration.ZERO : age;
        }
        return Duration.ZERO; // at the tail: nothing applied yet, so no age to report
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (String view : ViewProcessingConfiguration.VIEWS) {
            Optional<ViewState> state = state(view);
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
        details.put("lagSeconds", state.lagSeconds());
        return details;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String view : ViewProcessingConfiguration.VIEWS) {
            Gauge.builder("candor.view.lag", this, monitoring -> monitoring.state(view)
                            .map(ViewState::lagSeconds).orElse(Double.NaN))
                    .description("Age of the newest event a view has applied while it is behind the store; 0 when caught up")
                    .baseUnit("seconds").tag("view", view).register(registry);
            Gauge.builder("candor.view.segments", this, monitoring -> monitoring.state(view)
                            .map(ViewState::segments).orElse(0))
                    .description("Segments of the view's processor claimed by this process")
                    .tag("view", view).register(registry);
        }
    }
}
