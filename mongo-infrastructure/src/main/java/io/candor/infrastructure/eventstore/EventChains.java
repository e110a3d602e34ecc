package io.candor.infrastructure.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.candor.infrastructure.IdLookups;
import io.candor.infrastructure.eventstore.IndexedEventStorageEngine.Fields;
import org.axonframework.common.DateTimeUtils;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Checks an aggregate's events as stored against their hashes (see {@link EventSeals}): each event's content
 * against its own hash, each hash against the one before it, the sequence for holes, and, when the caller knows
 * events from elsewhere (a view built from the stream), that the store still holds each of them. Reads the store
 * directly, a page of stream keys at a time, so it sees what is there, not what a cache remembers.
 */
public final class EventChains {

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> counters;
    private final String collection;

    public EventChains(MongoDatabase database, String collection) {
        this.events = database.getCollection(collection);
        this.counters = database.getCollection(IndexedEventStorageEngine.COUNTERS);
        this.collection = collection;
    }

    /** The position from which every event is sealed; none recorded (a store never opened by a sealing engine): none. */
    private long sealedFrom() {
        Document marker = counters.find(Filters.eq("_id", collection + EventSeals.SEALED_FROM)).first();
        return marker == null ? Long.MAX_VALUE : marker.get("position", Number.class).longValue();
    }

    /** What can be wrong with a link. */
    public enum Problem {
        /** The event's content no longer matches its hash. */
        ALTERED,
        /** The event's previous hash is not the hash of the event before it: that one was replaced or rewritten. */
        RELINKED,
        /** An event is missing: a hole in the sequence, or an event a view saw that the store no longer has. */
        MISSING,
        /** An event another was put in the place of: the store holds a different event at that sequence. */
        REPLACED,
        /** An event without a hash after sealed ones: its hash was removed. */
        UNSEALED
    }

    /** The first link of a chain that does not hold. */
    public record BrokenLink(String aggregateId, long sequence, String eventIdentifier, Instant recordedAt,
                             Problem problem, String detail) {
    }

    /**
     * One aggregate's chain: the events found, how many carry a hash ({@code events - sealed} were stored before
     * events were sealed, at the start of the chain), and the first broken link, or null.
     */
    public record ChainReport(String aggregateId, long events, long sealed, BrokenLink firstBrokenLink) {

        public boolean intact() {
            return firstBrokenLink == null;
        }
    }

    /** Verifies the chain of {@code aggregateId} alone. */
    public ChainReport verify(String aggregateId) {
        return verify(aggregateId, Map.of());
    }

    /**
     * Verifies the chain of {@code aggregateId}, and that the store holds, at each sequence of {@code known}, the
     * event with that identifier.
     */
    public ChainReport verify(String aggregateId, Map<Long, String> known) {
        long lastKnown = known.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
        long sealedFrom = sealedFrom();
        long expected = 0;
        long sealed = 0;
        String previousHash = null; // the hash of the event before, null while the chain has not started
        boolean sealing = false;
        while (true) {
            List<Document> page = page(aggregateId, expected);
            for (Document event : page) {
                long sequence = event.get(Fields.SEQUENCE, Number.class).longValue();
                if (sequence != expected) {
                    return broken(aggregateId, expected, sealed, null, Problem.MISSING,
                            "the store has no event " + expected + "; the next one it has is " + sequence);
                }
                String identifier = event.getString(Fields.EVENT_ID);
                String knownIdentifier = known.get(sequence);
                if (knownIdentifier != null && !knownIdentifier.equals(identifier)) {
                    return broken(aggregateId, sequence, sealed, event, Problem.REPLACED,
                            "the store holds event " + identifier + " where " + knownIdentifier + " was recorded");
                }
                String hash = event.getString(EventSeals.HASH);
                if (hash == null) {
                    if (sealing || event.get("_id", Number.class).longValue() >= sealedFrom) {
                        return broken(aggregateId, sequence, sealed, event, Problem.UNSEALED, sealing
                                ? "the event has no hash, though the events before it have"
                                : "the event has no hash, though it was stored after sealing began");
                    }
                } else {
                    String claimedPrevious = event.getString(EventSeals.PREVIOUS_HASH);
                    if (!hash.equals(EventSeals.hash(event, claimedPrevious))) {
                        return broken(aggregateId, sequence, sealed, event, Problem.ALTERED,
                                "the event's content does not match its hash");
                    }
                    String expectedPrevious = previousHash == null ? EventSeals.GENESIS : previousHash;
                    if (!expectedPrevious.equals(claimedPrevious)) {
                        return broken(aggregateId, sequence, sealed, event, Problem.RELINKED,
                                "the event does not follow the event before it (" + (sequence - 1)
                                        + "): that one was altered, replaced or removed");
                    }
                    sealing = true;
                    sealed++;
                }
                previousHash = hash;
                expected++;
            }
            if (page.size() < IndexedEventStorageEngine.AGGREGATE_PAGE) {
                break;
            }
        }
        if (lastKnown >= expected) {
            return broken(aggregateId, expected, sealed, null, Problem.MISSING, "the store ends at event "
                    + (expected - 1) + " but event " + expected + " was recorded (" + known.get(expected) + ")");
        }
        return new ChainReport(aggregateId, expected, sealed, null);
    }

    private List<Document> page(String aggregateId, long first) {
        List<String> keys = new ArrayList<>(IndexedEventStorageEngine.AGGREGATE_PAGE);
        for (long sequence = first; sequence < first + IndexedEventStorageEngine.AGGREGATE_PAGE; sequence++) {
            keys.add(IndexedEventStorageEngine.streamKey(aggregateId, sequence));
        }
        List<Document> found = new ArrayList<>(IdLookups.find(events, Fields.STREAM, keys));
        found.sort(Comparator.comparingLong(document -> document.get(Fields.SEQUENCE, Number.class).longValue()));
        return found;
    }

    private static ChainReport broken(String aggregateId, long sequence, long sealed, Document event,
                                      Problem problem, String detail) {
        Instant recordedAt = event == null || event.getString(Fields.TIMESTAMP) == null ? null
                : DateTimeUtils.parseInstant(event.getString(Fields.TIMESTAMP));
        String identifier = event == null ? null : event.getString(Fields.EVENT_ID);
        return new ChainReport(aggregateId, sequence, sealed,
                new BrokenLink(aggregateId, sequence, identifier, recordedAt, problem, detail));
    }
}
