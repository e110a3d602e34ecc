package io.candor.query.support;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.lifecycle.Phase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * How the views' processors handle a batch: writes gathered per batch ({@link ViewBatchFlush}), and a failed
 * event handler fails the batch, to be retried, instead of being logged and skipped (Axon's default), which
 * would leave a view without that event for good; and a view stored in an older layout is rebuilt at start
 * ({@link ViewLayouts}).
 */
@Configuration(proxyBeanMethods = false)
public class ViewProcessingConfiguration {

    /** The processing groups of the views, as named in {@code candor-query.yml}. */
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

    @Autowired
    void configureViews(EventProcessingConfigurer processing) {
        for (String view : VIEWS) {
            processing.registerHandlerInterceptor(view, configuration -> new ViewBatchFlush());
            processing.registerListenerInvocationErrorHandler(view, configuration -> PropagatingErrorHandler.INSTANCE);
        }
    }
}
