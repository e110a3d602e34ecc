package io.candor.query.deadletter;

import io.candor.query.support.ViewProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Every view parks an event its handler fails on ({@link ViewDeadLetterPolicy}) in its {@link MongoDeadLetterQueue},
 * with the events of the same sequence (aggregate) after it, and goes on with the others.
 * <p>
 * The invoker remembers, per segment, the sequences it knows are not parked, so that a view whose queue is empty
 * asks MongoDB nothing per event. A reset of the view (a replay) empties its queue: the replay meets every event
 * again, and parks again those that still fail.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Autowired
    void configureDeadLetters(EventProcessingConfigurer processing, DeadLetterQueues queues) {
        ViewDeadLetterPolicy policy = new ViewDeadLetterPolicy();
        for (String view : ViewProcessingConfiguration.VIEWS) {
            MongoDeadLetterQueue queue = queues.of(view).orElseThrow();
            processing.registerDeadLetterQueue(view, configuration -> queue);
            processing.registerDeadLetterPolicy(view, configuration -> policy);
            processing.registerDeadLetteringEventHandlerInvokerConfiguration(view,
                    (configuration, invoker) -> invoker.enableSequenceIdentifierCache().allowReset(true));
        }
    }
}
