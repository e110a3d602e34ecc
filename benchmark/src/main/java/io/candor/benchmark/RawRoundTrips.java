package io.candor.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The least a command costs the database: the driver round trips it needs at best, sent straight to the same
 * server. Read one aggregate's events the way the event store asks for them (its first page of stream keys,
 * {@code stream $in [id:0 … id:99]}), then insert one new event document into a collection indexed like the event
 * store's (a unique {@code stream} key). The event store also takes a position from its counter for each append:
 * a third round trip, which this limit does not grant it.
 */
final class RawRoundTrips {

    static final String SCRATCH = "bench_raw_events";
    /** The event store's page of keys when it reads an aggregate. */
    private static final int PAGE = 100;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> scratch;
    private final MongoDatabase admin;
    private final List<String> aggregates;
    private final Document template;

    RawRoundTrips(MongoDatabase database, String eventsCollection, List<String> aggregates) {
        this.events = database.getCollection(eventsCollection);
        this.scratch = database.getCollection(SCRATCH);
        this.admin = database;
        scratch.createIndex(Indexes.ascending("stream"), new IndexOptions().unique(true));
        this.aggregates = new ArrayList<>(aggregates);
        Document sample = events.find(Filters.eq("aggregateIdentifier", aggregates.get(0))).first();
        this.template = sample == null ? new Document("payload", "{}") : sample;
    }

    /** Read an aggregate's events, insert one event. */
    CommandMix.Result run(int clients, Duration duration) {
        return run(clients, duration, false);
    }

    /**
     * The same, then {@code fsync}: the insert on disk before the round trip ends, as every command waits for.
     * The embedded server shares one commit among the fsyncs and commands that wait at the same time.
     */
    CommandMix.Result runDurable(int clients, Duration duration) {
        return run(clients, duration, true);
    }

    /**
     * One client, {@code count} round trips (durable or not), waiting {@code pause} after each: what a round trip
     * costs when the server was idle before it, as for a person's commands.
     */
    CommandMix.Result runPaced(boolean durable, int count, Duration pause) {
        return run(1, Duration.ofHours(1), durable, count, pause);
    }

    private CommandMix.Result run(int clients, Duration duration, boolean durable) {
        return run(clients, duration, durable, Long.MAX_VALUE, Duration.ZERO);
    }

    private CommandMix.Result run(int clients, Duration duration, boolean durable, long count, Duration pause) {
        Stats latency = new Stats();
        AtomicLong operations = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline && operations.get() < count) {
                    String aggregate = aggregates.get(ThreadLocalRandom.current().nextInt(aggregates.size()));
                    long begin = System.nanoTime();
                    List<String> keys = new ArrayList<>(PAGE);
                    for (int sequence = 0; sequence < PAGE; sequence++) {
                        keys.add(aggregate + ':' + sequence);
                    }
                    List<Document> history = events.find(Filters.in("stream", keys)).into(new ArrayList<>());
                    Document event = new Document(template);
                    String other = new ObjectId().toHexString();
                    event.put("_id", new ObjectId());
                    event.put("stream", other + ':' + history.size());
                    event.put("aggregateIdentifier", other);
                    event.put("sequenceNumber", (long) history.size());
                    scratch.insertOne(event);
                    if (durable) {
                        admin.runCommand(new Document("fsync", 1));
                    }
                    latency.add(System.nanoTime() - begin);
                    operations.incrementAndGet();
                    if (!pause.isZero()) {
                        LauncherChild.pause(pause.toMillis());
                    }
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new CommandMix.Result(clients, latency, operations.get(), 0, (System.nanoTime() - start) / 1e9);
    }

    void drop() {
        scratch.drop();
    }
}
