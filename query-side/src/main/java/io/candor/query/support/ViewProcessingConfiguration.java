package io.candor.query.support;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * How the views' processors handle a batch: writes gathered per batch ({@link ViewBatchFlush}), and a failed
 * event handler fails the batch, to be retried, instead of being logged and skipped (Axon's default), which
 * would leave a view without that event for good.
 */
@Configuration(proxyBeanMethods = false)
public class ViewProcessingConfiguration {

    /** The processing groups of the views, as named in {@code candor-query.yml}. */
    public static final List<String> VIEWS = List.of("pipeline", "contacts", "lessons", "timeline");

    @Autowired
    void configureViews(EventProcessingConfigurer processing) {
        for (String view : VIEWS) {
            processing.registerHandlerInterceptor(view, configuration -> new ViewBatchFlush());
            processing.registerListenerInvocationErrorHandler(view, configuration -> PropagatingErrorHandler.INSTANCE);
        }
    }
}
