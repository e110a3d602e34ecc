package io.candor.infrastructure.eventstore;

import io.candor.infrastructure.eventstore.IndexedEventStorageEngine.Fields;
import org.bson.Document;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The tamper evidence of a stored event: its {@code hash}, SHA-256 over the {@code previousHash} (the hash of the
 * event before it in its aggregate, empty for the first) and every stored field that says what happened: stream
 * key, aggregate, sequence, type, identifier, timestamp, payload type, revision, payload and metadata. Each field
 * goes in with its length, so no two different events can run together into the same bytes. The global position
 * is left out: it is where the event sits in the store, not what it says.
 * <p>
 * Changing one character of a stored event breaks its hash; deleting an event, or putting another in its place,
 * breaks the link of the one after it. Rewriting a whole chain from the altered event on is not caught by the chain
 * alone: that needs the last hash kept somewhere the writer of the store cannot reach (a signed receipt, a copy
 * sent to an auditor), which Candor does not do yet.
 */
public final class EventSeals {

    /** The previous hash of an aggregate's first event. */
    public static final String GENESIS = "";
    /**
     * The suffix of the counter document that records from which position every event is sealed (set when a store
     * first runs with sealing): an event there without a hash had it removed, not written before sealing began.
     */
    static final String SEALED_FROM = ":sealed-from";
    static final String HASH = "hash";
    static final String PREVIOUS_HASH = "previousHash";

    private static final List<String> SEALED_FIELDS = List.of(Fields.STREAM, Fields.AGGREGATE, Fields.SEQUENCE,
            Fields.TYPE, Fields.EVENT_ID, Fields.TIMESTAMP, Fields.PAYLOAD_TYPE, Fields.PAYLOAD_REVISION,
            Fields.PAYLOAD, Fields.META_DATA);

    private EventSeals() {
    }

    /** Sets {@code previousHash} and {@code hash} on an event document about to be written. */
    static void seal(Document event, String previousHash) {
        event.append(PREVIOUS_HASH, previousHash).append(HASH, hash(event, previousHash));
    }

    /** The hash the document should carry if it follows {@code previousHash}. */
    static String hash(Document event, String previousHash) {
        MessageDigest digest = sha256();
        update(digest, previousHash);
        for (String field : SEALED_FIELDS) {
            Object value = event.get(field);
            update(digest, value == null ? null : value.toString());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String value) {
        if (value == null) {
            digest.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }
}
