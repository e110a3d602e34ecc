package io.candor.command.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The kept outcomes of idempotent requests, in the collection {@code command_idempotency}: one document per key,
 * first {@link State#PENDING} (claimed by the request handling it), then {@link State#COMPLETE} with the response.
 * <p>
 * The claim is an insert on {@code _id}, so of two requests with the same key arriving together exactly one
 * wins, on any MongoDB: the unique {@code _id} index decides. Records expire after {@link #RETENTION}: a TTL index
 * removes them on MongoDB (the embedded server keeps them; an expired record is then treated as absent).
 */
class IdempotencyRecords {

    static final String COLLECTION = "command_idempotency";
    static final Duration RETENTION = Duration.ofHours(24);

    enum State { PENDING, COMPLETE }

    /** A kept response: what the first request answered. */
    record KeptResponse(int status, Map<String, String> headers, byte[] body) {
    }

    /**
     * What is stored under a key: whose request it was (its fingerprint), how far it got, the attempt that holds the
     * claim (none on claims of an older release), and its response.
     */
    record Kept(String fingerprint, State state, Instant claimedAt, String attempt, KeptResponse response) {
    }

    private final MongoCollection<Document> records;
    private final Clock clock;

    IdempotencyRecords(MongoDatabase database, Clock clock) {
        this.records = database.getCollection(COLLECTION);
        this.clock = clock;
        records.createIndex(Indexes.ascending("claimedAt"),
                new IndexOptions().name("expiry").expireAfter(RETENTION.toSeconds(), TimeUnit.SECONDS));
    }

    /**
     * Claims {@code key} for {@code attempt} of a request with {@code fingerprint}; empty if claimed, else what the
     * key holds.
     */
    Optional<Kept> claim(String key, String fingerprint, String attempt) {
        Instant now = clock.instant();
        try {
            records.insertOne(new Document("_id", key).append("fingerprint", fingerprint)
                    .append("state", State.PENDING.name()).append("claimedAt", Date.from(now))
                    .append("attempt", attempt));
            return Optional.empty();
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = records.find(Filters.eq("_id", key)).first();
        if (existing == null) {
            return claim(key, fingerprint, attempt); // released between our insert and our read
        }
        Kept kept = read(existing);
        if (kept.claimedAt().plus(RETENTION).isBefore(now)) {
            // Expired but not yet removed (the embedded server has no TTL monitor): the key is free again.
            records.deleteOne(Filters.and(Filters.eq("_id", key), Filters.eq("claimedAt", existing.get("claimedAt"))));
            return claim(key, fingerprint, attempt);
        }
        return Optional.of(kept);
    }

    /**
     * Hands the pending claim of {@code abandoned} over to {@code attempt}; false if the claim is no longer
     * {@code abandoned}'s (another retry took it over first, or it was completed).
     */
    boolean takeOver(String key, String abandoned, String attempt) {
        return records.updateOne(mine(key, abandoned), Updates.combine(Updates.set("attempt", attempt),
                Updates.set("claimedAt", Date.from(clock.instant())))).getModifiedCount() == 1;
    }

    /** Keeps the response of {@code attempt}, which claimed {@code key}. */
    void complete(String key, String attempt, KeptResponse response) {
        records.updateOne(mine(key, attempt), Updates.combine(
                Updates.set("state", State.COMPLETE.name()),
                Updates.set("status", response.status()),
                Updates.set("headers", new Document(new LinkedHashMap<>(response.headers()))),
                Updates.set("body", new Binary(response.body()))));
    }

    /** Frees {@code key}: {@code attempt}, which claimed it, did nothing a retry could repeat. */
    void release(String key, String attempt) {
        records.deleteOne(mine(key, attempt));
    }

    /** The pending claim of {@code key}, if {@code attempt} holds it. */
    private static Bson mine(String key, String attempt) {
        return Filters.and(Filters.eq("_id", key), Filters.eq("state", State.PENDING.name()),
                Filters.eq("attempt", attempt));
    }

    private static Kept read(Document document) {
        State state = State.valueOf(document.getString("state"));
        KeptResponse response = null;
        if (state == State.COMPLETE) {
            Map<String, String> headers = new LinkedHashMap<>();
            Document stored = document.get("headers", Document.class);
            stored.forEach((name, value) -> headers.put(name, (String) value));
            response = new KeptResponse(document.getInteger("status"), headers,
                    document.get("body", Binary.class).getData());
        }
        return new Kept(document.getString("fingerprint"), state, document.getDate("claimedAt").toInstant(),
                document.getString("attempt"), response);
    }
}
