package io.candor.query.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shares the views' segments among the query-side processes that run at the same time. Each process says it is
 * alive every {@link #HEARTBEAT} in {@code query_nodes}; a process that holds more segments of a view than its
 * share (the segments divided by the processes alive, rounded up) releases the extra ones for a while, and another
 * process claims them. A process that dies stops saying it is alive: its claims expire (the token store's claim
 * timeout) and the others, whose share has grown, claim its segments and go on from its last stored tokens.
 * <p>
 * Axon Server does this for its clients; with MongoDB as the token store nothing does, and the first process to
 * start would keep every segment.
 */
final class SegmentBalancer implements AutoCloseable {

    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** A process not heard of for this long is gone. */
    static final Duration ALIVE_WITHIN = Duration.ofSeconds(10);
    /** How long a released segment is left to the other processes before this one may claim it again. */
    static final Duration RELEASE_FOR = Duration.ofSeconds(10);
    /** A heartbeat this old is removed. */
    static final Duration FORGOTTEN_AFTER = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final MongoCollection<Document> nodes;
    private final EventProcessingConfiguration processing;
    private final List<String> views;
    private final int segments;
    private final Clock clock;
    private final String node;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "segment-balancer");
        thread.setDaemon(true);
        return thread;
    });

    SegmentBalancer(MongoDatabase database, EventProcessingConfiguration processing, List<String> views,
                    int segments, Clock clock) {
        this.nodes = database.getCollection("query_nodes");
        this.processing = processing;
        this.views = List.copyOf(views);
        this.segments = segments;
        this.clock = clock;
        this.node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    }

    void start() {
        ticker.scheduleWithFixedDelay(this::balanceQuietly, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void balanceQuietly() {
        try {
            balance();
        } catch (RuntimeException failure) {
            log.warn("Could not balance the views' segments this time: {}", failure.toString());
        }
    }

    /** One heartbeat: says this process is alive, counts the others, gives back what is more than its share. */
    void balance() {
        Instant now = clock.instant();
        nodes.replaceOne(Filters.eq("_id", node), new Document("_id", node).append("seenAt", Date.from(now)),
                new ReplaceOptions().upsert(true));
        nodes.deleteMany(Filters.lt("seenAt", Date.from(now.minus(FORGOTTEN_AFTER))));
        long alive = Math.max(1, nodes.countDocuments(Filters.gt("seenAt", Date.from(now.minus(ALIVE_WITHIN)))));
        int share = (int) Math.ceil((double) segments / alive);
        for (String view : views) {
            processing.eventProcessor(view, TrackingEventProcessor.class).ifPresent(processor -> {
                List<Integer> claimed = processor.processingStatus().keySet().stream().sorted().toList();
                for (int extra = claimed.size() - 1; extra >= share; extra--) {
                    log.info("Releasing segment {} of {}: {} processes alive, a share of {}", claimed.get(extra), view,
                            alive, share);
                    processor.releaseSegment(claimed.get(extra), RELEASE_FOR.toMillis(), TimeUnit.MILLISECONDS);
                }
            });
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            nodes.deleteOne(Filters.eq("_id", node));
        } catch (RuntimeException databaseGone) {
            // the heartbeat expires by itself
        }
    }
}
