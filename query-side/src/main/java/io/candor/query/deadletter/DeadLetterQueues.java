package io.candor.query.deadletter;

import com.mongodb.client.MongoDatabase;
import io.candor.query.support.ViewProcessingConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter queue of each view, one {@link MongoDeadLetterQueue} per processing group in
 * {@value MongoDeadLetterQueue#COLLECTION}, the same instances Axon's processors park events in and the admin
 * endpoints read; and the gauge {@code candor.dead.letters} (letters parked, tagged {@code view}).
 */
@Component
public class DeadLetterQueues implements MeterBinder {

    private final Map<String, MongoDeadLetterQueue> queues = new LinkedHashMap<>();

    DeadLetterQueues(MongoDatabase candorDatabase, @Qualifier("eventSerializer") Serializer eventSerializer) {
        for (String view : ViewProcessingConfiguration.VIEWS) {
            queues.put(view, new MongoDeadLetterQueue(candorDatabase.getCollection(MongoDeadLetterQueue.COLLECTION),
                    view, eventSerializer));
        }
    }

    /** The queue of {@code view}, if it is a view. */
    public Optional<MongoDeadLetterQueue> of(String view) {
        return Optional.ofNullable(queues.get(view));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        queues.forEach((view, queue) -> Gauge.builder("candor.dead.letters", queue, MongoDeadLetterQueue::size)
                .description("Events the view's processor parked as dead letters: failed, or behind one that failed")
                .tag("view", view).register(registry));
    }
}
