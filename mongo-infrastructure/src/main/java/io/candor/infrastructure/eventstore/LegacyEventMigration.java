package io.candor.infrastructure.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves the events of a store written by Axon's own Mongo event store (collection {@code domainevents}, Candor
 * before the {@link IndexedEventStorageEngine}) into the indexed store, once, at start: read in that store's
 * tracking order by Axon's own engine, appended in the same order, payloads and metadata unchanged. The tracking
 * tokens of the old store mean nothing to the new one, so they are deleted: the views then apply every event
 * again from the first, which changes nothing in a view that already had it (each view document remembers the
 * last sequence it applied). The old collection is left in place, untouched, as a backup.
 * <p>
 * Several processes starting together: the first takes a lock document; the others wait for it to finish.
 */
public final class LegacyEventMigration {

    private static final Logger log = LoggerFactory.getLogger(LegacyEventMigration.class);
    private static final int CHUNK = 1000;
    private static final Duration WAIT_FOR_OTHER = Duration.ofMinutes(30);

    private final MongoDatabase database;
    private final String legacyCollection;
    private final String tokensCollection;

    public LegacyEventMigration(MongoDatabase database, String legacyCollection, String tokensCollection) {
        this.database = database;
        this.legacyCollection = legacyCollection;
        this.tokensCollection = tokensCollection;
    }

    /** Migrates into {@code target} if it is empty and the old collection is not; answers the events moved. */
    public long migrateInto(IndexedEventStorageEngine target, String targetCollection, Serializer serializer) {
        if (database.getCollection(targetCollection).find().limit(1).first() != null
                || database.getCollection(legacyCollection).find().limit(1).first() == null) {
            return 0;
        }
        MongoCollection<Document> locks = database.getCollection(IndexedEventStorageEngine.COUNTERS);
        String lock = "migration:" + legacyCollection + "->" + targetCollection;
        try {
            locks.insertOne(new Document("_id", lock).append("state", "RUNNING"));
        } catch (MongoWriteException taken) {
            if (ErrorCategory.fromErrorCode(taken.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw taken;
            }
            awaitOther(locks, lock);
            return 0;
        }
        long started = System.nanoTime();
        long moved = copy(target, serializer);
        database.getCollection(tokensCollection).deleteMany(new Document());
        locks.updateOne(Filters.eq("_id", lock), Updates.combine(Updates.set("state", "DONE"),
                Updates.set("events", moved)));
        log.info("Moved {} events from {} into {} in {} ms; the views will apply them again from the first",
                moved, legacyCollection, targetCollection, (System.nanoTime() - started) / 1_000_000);
        return moved;
    }

    private long copy(IndexedEventStorageEngine target, Serializer serializer) {
        MongoEventStorageEngine legacy = MongoEventStorageEngine.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database)
                        .domainEventsCollectionName(legacyCollection).build())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .batchSize(10_000)
                .build();
        long moved = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream = legacy.readEvents(null, false)) {
            List<EventMessage<?>> chunk = new ArrayList<>(CHUNK);
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            while (events.hasNext()) {
                chunk.add(events.next());
                if (chunk.size() == CHUNK || !events.hasNext()) {
                    target.appendEvents(chunk);
                    moved += chunk.size();
                    chunk.clear();
                }
            }
        }
        return moved;
    }

    private static void awaitOther(MongoCollection<Document> locks, String lock) {
        long deadline = System.nanoTime() + WAIT_FOR_OTHER.toNanos();
        while (System.nanoTime() < deadline) {
            Document state = locks.find(Filters.eq("_id", lock)).first();
            if (state != null && "DONE".equals(state.getString("state"))) {
                return;
            }
            try {
                Thread.sleep(500); // another process is migrating; poll its lock document
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for another process's migration", e);
            }
        }
        throw new IllegalStateException("Another process has been migrating the event store for over "
                + WAIT_FOR_OTHER + "; if it died, delete the document " + lock + " in "
                + IndexedEventStorageEngine.COUNTERS + " and the collection it was filling, then start again");
    }
}
