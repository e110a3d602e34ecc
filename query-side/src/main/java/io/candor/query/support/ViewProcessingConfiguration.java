package io.candor.query.support;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The views' tracking processors: where they start, how they write a batch ({@link ViewBatchFlush}), and the rebuild
 * of a view stored in an older layout ({@link ViewLayouts}). What a failed event handler does is configured beside
 * them ({@code io.candor.query.deadletter}): its event is parked in the view's dead-letter queue, with the later
 * events of its aggregate, instead of Axon's default of logging it and skipping the event, which would leave the
 * view without it for good, or of failing the batch, which would block the view on it.
 */
@Configuration(proxyBeanMethods = false)
public class ViewProcessingConfiguration {

    /** The processing groups of the views, one tracking processor each. */
    public static final List<String> VIEWS = List.of("pipeline", "contacts", "lessons", "timeline");

    @Bean
    public ViewLayouts viewLayouts(MongoDatabase candorDatabase) {
        return new ViewLayouts(candorDatabase);
    }

    /** Before the processors start, a view stored in an older layout is reset, to be rebuilt from the events. */
    @Bean
    public ConfigurerModule rebuildOutdatedViews(ViewLayouts layouts) {
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1,
                () -> layouts.rebuildOutdated(config)));
    }

    /**
     * Events per unit of work at most: the token is stored and the view written once per batch, not after every
     * event. A processor that follows the head takes what is there, a few events; one catching up takes this many
     * (measured on the embedded server: a replay of 20,000 events took 45 s with 1,000, 70 s with 100).
     * The views stay correct if a batch is retried, because each document remembers the last sequence it applied.
     */
    static final int BATCH_SIZE = 1000;

    /**
     * One tracking processor per view, named after it, reading the event store from its first event.
     * <p>
     * The initial token is the tail itself, not Axon's default of a replay token that remembers the head of the
     * store at the first start: the Mongo store's head token lists no event ids, so no event seems covered by it,
     * and every event of the catch-up would be merged into it. Measured: a view catching up on a few thousand
     * events stored a token listing them all, and spent most of its time merging it.
     */
    @Autowired
    void configureViews(EventProcessingConfigurer processing) {
        for (String view : VIEWS) {
            processing.registerTrackingEventProcessor(view, axon -> axon.eventStore(),
                    configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                            .andBatchSize(BATCH_SIZE)
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken));
            processing.registerHandlerInterceptor(view, configuration -> new ViewBatchFlush());
        }
    }
}
