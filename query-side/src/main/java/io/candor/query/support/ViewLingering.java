package io.candor.query.support;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The views' event sources, each lingering at the head for {@code candor.query.linger} (default
 * {@value #DEFAULT_LINGER}; {@code 0ms} turns it off) so that a view following the commands handles the events
 * that arrive together in one batch ({@link LingeringEventSource}); and the way a reader waiting for a view hurries
 * the view's processor in this process.
 * <p>
 * Measured with the benchmark's mix on the embedded default (2 cores), one client: without lingering each view
 * handled each event in a batch of its own, 27 round trips to the database per command, 36 ms of CPU per command,
 * command p50 19 ms; lingering 100 ms, 9.5 round trips, 20 ms of CPU, p50 9 ms, at a lag p50/p99 of 70/139 ms
 * instead of 20/86. With 8 or 32 clients the views' batches are full anyway and the figures did not move.
 * <p>
 * 50 ms since the fifteenth session, for the lag: full benchmark runs, 100 ms (four) against 50 (three), lag p99
 * 259/251/327/256 against 191/149/150 ms over the mix at 1, 8 and 32 clients, p50 about 59 against 29 ms. The price
 * is throughput at saturation, where the views' smaller batches take more of the cores: 936/910/934/984 against
 * 889/788/699 commands/s at 32 clients (a sixth fewer); one client's p50 did not move (1.56 to 2.14 against 1.70 to
 * 2.02 ms). The views' freshness is what a reader sees; two cores at saturation are far beyond what people type.
 */
@Component
public class ViewLingering {

    static final String DEFAULT_LINGER = "50ms";

    private final Duration linger;
    private final Map<String, LingeringEventSource> sources = new ConcurrentHashMap<>();

    public ViewLingering(@Value("${candor.query.linger:" + DEFAULT_LINGER + "}") Duration linger) {
        if (linger.isNegative()) {
            throw new IllegalArgumentException("candor.query.linger cannot be negative, not " + linger);
        }
        this.linger = linger;
    }

    /** The source the processor of {@code view} follows: {@code events}, lingering at the head. */
    public LingeringEventSource source(String view, StreamableMessageSource<TrackedEventMessage<?>> events) {
        LingeringEventSource source = new LingeringEventSource(events, linger, Clock.systemUTC());
        sources.put(view, source);
        return source;
    }

    /** Stops the processors of {@code views} in this process from lingering: a reader waits for them. */
    public void hurry(String... views) {
        for (String view : views) {
            LingeringEventSource source = sources.get(view);
            if (source != null) {
                source.hurry();
            }
        }
    }
}
