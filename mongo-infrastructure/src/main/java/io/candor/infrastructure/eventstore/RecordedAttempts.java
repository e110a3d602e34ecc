package io.candor.infrastructure.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.candor.infrastructure.eventstore.IndexedEventStorageEngine.Fields;
import org.bson.Document;

import java.util.Optional;

/**
 * Whether a request attempt stored events, asked after it failed in a way that hid the answer: the database went
 * away between the insert and its acknowledgement. Each event of an idempotent request carries its attempt's id
 * ({@link io.candor.events.AuditMetaData#ATTEMPT_ID}), copied to an indexed field of the stored document (sparse:
 * other events have none). Asked rarely, only after failures; on the embedded server, which ignores non-unique
 * indexes, the question scans the collection.
 */
public final class RecordedAttempts {

    private final MongoCollection<Document> events;

    public RecordedAttempts(MongoDatabase database, String collection) {
        this.events = database.getCollection(collection);
    }

    /** The last event an attempt stored: its aggregate, sequence number and JSON payload. */
    public record Recorded(String aggregateId, long sequence, String payload) {
    }

    /** The last event stored by {@code attemptId}, or empty if it stored none. */
    public Optional<Recorded> lastEventOf(String attemptId) {
        Document last = events.find(Filters.eq(Fields.ATTEMPT, attemptId))
                .projection(Projections.include(Fields.AGGREGATE, Fields.SEQUENCE, Fields.PAYLOAD))
                .sort(Sorts.descending("_id")).first();
        return last == null ? Optional.empty() : Optional.of(new Recorded(last.getString(Fields.AGGREGATE),
                last.get(Fields.SEQUENCE, Number.class).longValue(), last.getString(Fields.PAYLOAD)));
    }
}
