package io.candor.query;

import com.mongodb.client.MongoDatabase;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.query.support.ViewBatch;
import io.candor.query.support.ViewPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler of the pipeline view that tests switch into a fault: for an event marked poisoned
 * ({@code aggregateId:sequence}) it first stages a write of its own in the view's batch, as a half-applied handler
 * would, then throws, every time or the first few times it is handled; for an event marked held it waits until the
 * test releases it. Unmarked events pass untouched.
 */
@Component
@ProcessingGroup("pipeline")
class FaultyPipelineHandler {

    private static final Set<String> POISONED = ConcurrentHashMap.newKeySet();
    /** Per event marked to fail for a while, the failures still to come. */
    private static final Map<String, AtomicInteger> FAILING = new ConcurrentHashMap<>();
    /** Per event that failed here, how many times. */
    private static final Map<String, AtomicInteger> FAILED = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();

    private final MongoDatabase candorDatabase;
    private final ViewPositions positions;

    FaultyPipelineHandler(MongoDatabase candorDatabase, ViewPositions positions) {
        this.candorDatabase = candorDatabase;
        this.positions = positions;
    }

    static void poison(String position) {
        POISONED.add(position);
    }

    /** Poisons {@code position} for its first {@code times} handlings only. */
    static void failFirst(String position, int times) {
        FAILING.put(position, new AtomicInteger(times));
    }

    /** How many times handling {@code position} failed here. */
    static int failures(String position) {
        AtomicInteger failed = FAILED.get(position);
        return failed == null ? 0 : failed.get();
    }

    /** Holds the processor on {@code position} until the returned latch is counted down. */
    static CountDownLatch hold(String position) {
        return HELD.computeIfAbsent(position, p -> new CountDownLatch(1));
    }

    static void heal() {
        POISONED.clear();
        FAILING.clear();
        FAILED.clear();
        HELD.values().forEach(CountDownLatch::countDown);
        HELD.clear();
    }

    @EventHandler
    void on(OpportunityEvent event, @SequenceNumber long sequence) throws InterruptedException {
        String aggregateId = event.opportunityId().value();
        String position = aggregateId + ":" + sequence;
        CountDownLatch held = HELD.get(position);
        if (held != null && !held.await(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Held event " + position + " was never released");
        }
        AtomicInteger failing = FAILING.get(position);
        if (POISONED.contains(position) || failing != null && failing.getAndDecrement() > 0) {
            FAILED.computeIfAbsent(position, p -> new AtomicInteger()).incrementAndGet();
            ViewBatch batch = ViewBatch.of("pipeline", positions);
            batch.replace(candorDatabase.getCollection("pipeline_opportunities"), aggregateId,
                    new Document("halfApplied", position));
            batch.applied(aggregateId, sequence);
            throw new IllegalStateException("Poisoned event " + position);
        }
    }
}
