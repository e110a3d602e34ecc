package io.candor.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
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
 * server. Read one aggregate's events the way the event store asks for them (by aggregate, from a sequence,
 * in order), then insert one new event document into a collection indexed like the event store's.
 */
final class RawRoundTrips {

    static final String SCRATCH = "bench_raw_events";

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> scratch;
    private final List<String> aggregates;
    private final Document template;

    RawRoundTrips(MongoDatabase database, String eventsCollection, List<String> aggregates) {
        this.events = database.getCollection(eventsCollection);
        this.scratch = database.getCollection(SCRATCH);
        scratch.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
        this.aggregates = new ArrayList<>(aggregates);
        Document sample = events.find(Filters.eq("aggregateIdentifier", aggregates.get(0))).first();
        this.template = sample == null ? new Document("payload", "{}") : sample;
    }

    CommandMix.Result run(int clients, Duration duration) {
        Stats latency = new Stats();
        AtomicLong operations = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    String aggregate = aggregates.get(ThreadLocalRandom.current().nextInt(aggregates.size()));
                    long begin = System.nanoTime();
                    List<Document> history = events.find(Filters.and(Filters.eq("aggregateIdentifier", aggregate),
                                    Filters.gte("sequenceNumber", 0L)))
                            .sort(Sorts.ascending("sequenceNumber")).into(new ArrayList<>());
                    Document event = new Document(template);
                    event.put("_id", new ObjectId());
                    event.put("aggregateIdentifier", new ObjectId().toHexString());
                    event.put("sequenceNumber", (long) history.size());
                    scratch.insertOne(event);
                    latency.add(System.nanoTime() - begin);
                    operations.incrementAndGet();
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
