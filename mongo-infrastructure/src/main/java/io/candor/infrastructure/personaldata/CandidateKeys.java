package io.candor.infrastructure.personaldata;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Binary;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One AES-256 key per candidate, in its own collection ({@value #COLLECTION}), never in an event. A key is made the
 * first time the candidate's personal data is written; erasing the candidate replaces it with a tombstone, so their
 * personal data can no longer be read, and none written after the erasure is kept.
 * <p>
 * Keys are read from the database for every write, and remembered for reading for {@link #REMEMBER_FOR}: another
 * process that erases a candidate is seen here within that time by a reader; an erasure in this process, and by
 * any writer, at once.
 */
public final class CandidateKeys {

    public static final String COLLECTION = "candidate_keys";
    static final Duration REMEMBER_FOR = Duration.ofSeconds(30);
    private static final String KEY = "key";
    private static final String ERASED_AT = "erasedAt";

    private final MongoCollection<Document> keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final List<Consumer<String>> erasureListeners = new CopyOnWriteArrayList<>();

    private record Remembered(SecretKey key, Instant until) {
    }

    public CandidateKeys(MongoDatabase database) {
        this(database, Clock.systemUTC());
    }

    CandidateKeys(MongoDatabase database, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /**
     * The key to encrypt the candidate's personal data with, made if they have none; empty once erased. Always read
     * from the database, never from memory: a key erased by another process a moment ago must not encrypt again.
     */
    Optional<SecretKey> forWriting(String candidateId) {
        Remembered known = remembered.get(candidateId);
        if (known != null && known.key() == null) {
            return Optional.empty(); // erased for good
        }
        Document stored = keys.find(Filters.eq("_id", candidateId)).first();
        if (stored == null) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            try {
                keys.insertOne(new Document("_id", candidateId).append(KEY, new Binary(key))
                        .append("createdAt", Date.from(clock.instant())));
                stored = new Document(KEY, new Binary(key));
            } catch (MongoWriteException failure) {
                if (ErrorCategory.fromErrorCode(failure.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw failure;
                }
                stored = keys.find(Filters.eq("_id", candidateId)).first(); // another writer made it first
            }
        }
        return Optional.ofNullable(remember(candidateId, stored));
    }

    /** The key to read the candidate's personal data with; empty if they were erased or never had one. */
    Optional<SecretKey> forReading(String candidateId) {
        Remembered known = recall(candidateId);
        if (known != null) {
            return Optional.ofNullable(known.key());
        }
        Document stored = keys.find(Filters.eq("_id", candidateId)).first();
        return stored == null ? Optional.empty() : Optional.ofNullable(remember(candidateId, stored));
    }

    /** Deletes the candidate's key for good, leaving a tombstone; doing it again changes nothing. */
    public void erase(String candidateId) {
        keys.replaceOne(Filters.eq("_id", candidateId),
                new Document("_id", candidateId).append(ERASED_AT, Date.from(clock.instant())),
                new ReplaceOptions().upsert(true));
        remembered.put(candidateId, new Remembered(null, Instant.MAX));
        erasureListeners.forEach(listener -> listener.accept(candidateId));
    }

    /** Tells {@code listener} each candidate erased through these keys, once their key is gone. */
    void onErase(Consumer<String> listener) {
        erasureListeners.add(listener);
    }

    /** True once the candidate was erased. */
    public boolean erased(String candidateId) {
        Document stored = keys.find(Filters.eq("_id", candidateId)).first();
        return stored != null && stored.get(KEY) == null;
    }

    private Remembered recall(String candidateId) {
        Remembered known = remembered.get(candidateId);
        if (known == null || known.until().isBefore(clock.instant())) {
            return null;
        }
        return known;
    }

    private SecretKey remember(String candidateId, Document stored) {
        Binary bytes = stored == null ? null : stored.get(KEY, Binary.class);
        SecretKey key = bytes == null ? null : new SecretKeySpec(bytes.getData(), "AES");
        if (remembered.size() > 100_000) {
            remembered.clear();
        }
        remembered.put(candidateId, new Remembered(key, key == null ? Instant.MAX : clock.instant().plus(REMEMBER_FOR)));
        return key;
    }
}
