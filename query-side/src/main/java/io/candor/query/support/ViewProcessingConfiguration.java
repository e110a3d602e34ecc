package io.candor.query.support;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The views' tracking processors: where they start, how they write a batch ({@link ViewBatchFlush}), and the rebuild
 * of a view stored in an older layout ({@link ViewLayouts}). What a failed event handler does is configured beside
 * them ({@code io.candor.query.deadletter}): its event is parked in the view's dead-letter queue, with the later
 * events of its aggregate, instead of Axon's default of logging it and skipping the event, which would leave the
 * view without it for good, or of failing the batch, which would block the view on it.
 */
@Configuration(proxyBeanMethods = false)
public class ViewProcessingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ViewProcessingConfiguration.class);

    /** The processing groups of the views, one tracking processor each. */
    public static final List<String> VIEWS = List.of("pipeline", "contacts", "lessons", "timeline", "analytics");

    @Bean
    public ViewLayouts viewLayouts(MongoDatabase candorDatabase) {
        return new ViewLayouts(candorDatabase);
    }

    /**
     * Views dispatch no message, so an event they handle has nothing to pass on. Without a provider of its own, a
     * query side alone would have Axon's default, which reads every event's metadata in every view, for messages
     * never sent (measured: 7% of the views' CPU in a replay).
     */
    @Bean
    public CorrelationDataProvider viewsPassNothingOn() {
        return message -> Map.of();
    }

    /** Before the processors start, a view stored in an older layout is reset, to be rebuilt from the events. */
    @Bean
    public ConfigurerModule rebuildOutdatedViews(ViewLayouts layouts) {
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1,
                () -> layouts.rebuildOutdated(config)));
    }

    /**
     * Events per unit of work at most: the token is stored and the view written once per batch, not after every
     * event. A processor that follows the head takes what is there, a few events, or a few hundred under load; one
     * catching up takes this many, and writes each document its events touch once per batch. So the more candidates
     * a stretch of the store interleaves (as one recorded by many people at once does), the more a larger batch
     * saves. Measured on the embedded server, replays of 30,000 events of 200 candidates interleaved: 1,404-1,596
     * events/s with 1,000, 1,889-1,948 with 5,000, 2,043 with 10,000; of candidates one after the other, no
     * difference (2,099-2,400 against 2,328-2,376). At 32 clients of commands, alternating runs: lag p99 1.7/2.6 s
     * with 5,000 against 2.1/3.3 with 1,000, commands/s no lower. With 100, the views fell seconds behind under
     * load and the replay slowed by a third. A batch of 5,000 takes a few seconds at most, well within the unit of
     * work's timeout (a warning at 10 s). The views stay correct if a batch is retried, because each document
     * remembers the last sequence it applied. {@code candor.query.batch-size} sets another.
     */
    static final int BATCH_SIZE = 5000;

    /** How often a processor without all its segments looks for one to claim (Axon's default: 5 s). */
    static final Duration TOKEN_CLAIM_INTERVAL = Duration.ofSeconds(1);

    /**
     * One tracking processor per view, named after it, reading the event store from its first event, in
     * {@code candor.query.segments} segments (default 1), each handled by a thread of its own.
     * <p>
     * The initial token is the tail itself, not Axon's default of a replay token that remembers the head of the
     * store at the first start: the Mongo store's head token lists no event ids, so no event seems covered by it,
     * and every event of the catch-up would be merged into it. Measured: a view catching up on a few thousand
     * events stored a token listing them all, and spent most of its time merging it.
     * <p>
     * The number of segments is fixed when a view's tokens are first stored; a later change of the setting applies
     * to a view stored anew (a replay from an empty token store), not to one that has tokens already.
     */
    @Autowired
    void configureViews(EventProcessingConfigurer processing, @Value("${candor.query.segments:1}") int segments,
                        @Value("${candor.query.batch-size:" + BATCH_SIZE + "}") int batchSize,
                        ViewLingering lingering) {
        if (segments < 1) {
            throw new IllegalArgumentException("candor.query.segments must be at least 1, not " + segments);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("candor.query.batch-size must be at least 1, not " + batchSize);
        }
        for (String view : VIEWS) {
            processing.registerTrackingEventProcessor(view,
                    axon -> lingering.source(view, axon.eventStore()),
                    configuration -> TrackingEventProcessorConfiguration
                            .forParallelProcessing(Math.max(segments, storedSegments(configuration, view, segments)))
                            .andInitialSegmentsCount(segments)
                            .andBatchSize(batchSize)
                            .andTokenClaimInterval(TOKEN_CLAIM_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken));
            processing.registerSequencingPolicy(view, configuration -> CandidateSequencing.INSTANCE);
            processing.registerHandlerInterceptor(view, configuration -> new ViewBatchFlush());
        }
    }

    /**
     * The segments of {@code view} already in the token store, so that a process configured with fewer still has a
     * thread for each (a processor works one segment per thread; one left without would never be processed).
     */
    private static int storedSegments(org.axonframework.config.Configuration axon, String view, int configured) {
        try {
            int stored = axon.getComponent(TokenStore.class).fetchSegments(view).length;
            if (stored > 0 && stored != configured) {
                log.warn("View {} is stored in {} segments, not the {} of candor.query.segments: it keeps {}", view,
                        stored, configured, stored);
            }
            return stored;
        } catch (RuntimeException storeUnreadable) {
            return configured;
        }
    }

    /** With several segments, several query-side processes share them ({@link SegmentBalancer}). */
    @Bean
    public ConfigurerModule balanceSegments(MongoDatabase candorDatabase,
                                            @Value("${candor.query.segments:1}") int segments) {
        return configurer -> configurer.onInitialize(config -> {
            if (segments > 1) {
                SegmentBalancer balancer = new SegmentBalancer(candorDatabase, config.eventProcessingConfiguration(),
                        VIEWS, segments, Clock.systemUTC());
                config.onStart(Phase.INBOUND_EVENT_CONNECTORS + 1, balancer::start);
                config.onShutdown(Phase.INBOUND_EVENT_CONNECTORS + 1, balancer::close);
            }
        });
    }
}
