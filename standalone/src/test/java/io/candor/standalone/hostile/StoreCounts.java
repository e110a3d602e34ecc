package io.candor.standalone.hostile;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * What a refused request must leave as it was: the number of events in the event store and of documents in the
 * command side's lookup of accepted offers. (The {@code command_idempotency} records are left out on purpose:
 * a refusal with a key is kept there by design, so that a retry gets the same refusal.)
 */
final class StoreCounts {

    record Counts(long events, long acceptedOffers) {
    }

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> acceptedOffers;

    StoreCounts(MongoDatabase database) {
        this.events = database.getCollection("events");
        this.acceptedOffers = database.getCollection("command_accepted_offers");
    }

    Counts counts() {
        return new Counts(events.countDocuments(), acceptedOffers.countDocuments());
    }
}
