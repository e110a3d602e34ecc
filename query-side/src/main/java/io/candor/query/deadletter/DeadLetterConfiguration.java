package io.candor.query.deadletter;

import io.candor.query.support.ViewProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * Every view parks an event its handler fails on ({@link ViewDeadLetterPolicy}: after
 * {@code candor.query.attempts-before-parking} failed handlings, default 3) in its {@link MongoDeadLetterQueue}, with
 * the events of the same sequence (candidate) after it, and goes on with the others.
 * <p>
 * The invoker remembers, per segment, the sequences it knows are not parked, so that a view whose queue is empty
 * asks MongoDB nothing per event. A reset of the view (a replay) empties its queue: the replay meets every event
 * again, and parks again those that still fail.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Autowired
    void configureDeadLetters(EventProcessingConfigurer processing, DeadLetterQueues queues,
                              @Value("${candor.query.attempts-before-parking:"
                                      + ViewDeadLetterPolicy.ATTEMPTS_BEFORE_PARKING + "}") int attemptsBeforeParking) {
        for (String view : ViewProcessingConfiguration.VIEWS) {
            ViewDeadLetterPolicy policy = new ViewDeadLetterPolicy(view, attemptsBeforeParking);
            MongoDeadLetterQueue queue = queues.of(view).orElseThrow();
            processing.registerDeadLetterQueue(view, configuration -> queue);
            processing.registerDeadLetterPolicy(view, configuration -> policy);
            processing.registerDeadLetteringEventHandlerInvokerConfiguration(view,
                    (configuration, invoker) -> invoker.enableSequenceIdentifierCache().allowReset(true));
        }
    }
}
