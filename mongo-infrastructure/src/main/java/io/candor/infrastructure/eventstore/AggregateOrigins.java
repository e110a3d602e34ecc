package io.candor.infrastructure.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.candor.infrastructure.eventstore.IndexedEventStorageEngine.Fields;
import org.bson.Document;

import java.util.Optional;

/** The first event of an aggregate as stored (its type and JSON payload), read by its exact stream key. */
public final class AggregateOrigins {

    private final MongoCollection<Document> events;

    public AggregateOrigins(MongoDatabase database, String collection) {
        this.events = database.getCollection(collection);
    }

    /** The payload type and the payload of an aggregate's first event. */
    public record Origin(String payloadType, String payload) {
    }

    public Optional<Origin> of(String aggregateId) {
        Document first = events.find(Filters.eq(Fields.STREAM, IndexedEventStorageEngine.streamKey(aggregateId, 0)))
                .projection(Projections.include(Fields.PAYLOAD_TYPE, Fields.PAYLOAD)).first();
        return first == null ? Optional.empty()
                : Optional.of(new Origin(first.getString(Fields.PAYLOAD_TYPE), first.getString(Fields.PAYLOAD)));
    }
}
