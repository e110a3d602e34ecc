package io.candor.infrastructure.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.candor.events.AuditMetaData;
import io.candor.infrastructure.IdLookups;
import io.candor.infrastructure.IsoInstants;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Events in one MongoDB collection, each document keyed by the event's global position ({@code _id}, a number
 * handed out by a counter) and carrying a unique {@code stream} key, {@code aggregateId:sequence}.
 * <ul>
 *   <li>Reading an aggregate asks for its next keys by name ({@code stream $in [id:0 … id:99]}), a page at a time;
 *       appending relies on the unique {@code stream} key: of two writers of the same sequence, one fails, and that
 *       is Axon's {@code ConcurrencyException}.</li>
 *   <li>A tracking processor asks for the next positions by number ({@code _id $in [n+1 … n+k]}) and for the gaps it
 *       still waits on. Its token is Axon's {@link GapAwareTrackingToken}: the last position and the positions below
 *       it not yet seen. Two writers take positions 7 and 8 and 8 lands first: a reader takes 8 and remembers 7,
 *       which it asks for again until it arrives, or until it is older than {@code gapTimeout} (an append that
 *       failed, or a writer that died after taking its position, leaves a gap for good).</li>
 *   <li>An append's documents become visible one by one, in order, and a reader may find a later one of them
 *       before an earlier one (its look at the earlier position came first). Delivered then, the earlier event would
 *       come after the later one of its aggregate, and the views, which apply an aggregate's events in order, would
 *       skip it as applied already. So each event records the first position of its append ({@code appendFrom}),
 *       and a reader that finds one whose predecessors in the same append it has neither delivered nor found reads
 *       those positions again at once: an ordered insert wrote them before the event found. Should one still be missing
 *       (an append failing and being undone), the reader stops before the event for at most {@code holeWait}, then
 *       leaves the position as a gap, with a warning. A hole between appends is a gap at once, as above: it orders
 *       events of different aggregates only.</li>
 * </ul>
 * Every query is an exact match on a unique key: an index lookup on MongoDB, and on the embedded server too (it
 * uses an index only for exact matches, and scans the whole collection for a range). So the cost of a command or
 * of following the stream does not grow with the store. The price is one more round trip per append (the
 * counter), and a position order that is the order positions were taken, which is the order events were appended
 * to within an aggregate.
 * <p>
 * An append is several documents written without a transaction (the embedded server has none): if one fails, the
 * ones written before it are deleted again before the failure is reported, so no half append stays visible.
 * Snapshots are not kept: aggregates here are a few dozen events, and the command side caches them.
 */
public final class IndexedEventStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(IndexedEventStorageEngine.class);

    /** Events read per query when loading an aggregate. */
    static final int AGGREGATE_PAGE = 100;
    static final String COUNTERS = "event_counters";
    /**
     * How far below the last position taken the head looks for the last one written: a failed append (a 409) takes
     * a position that is never written, and a head there would never be reached by a reader in a quiet store.
     */
    private static final int HEAD_LOOK_BACK = 100;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> counters;
    private final String counterId;
    private final Duration gapTimeout;
    private final Duration holeWait;
    /** Per hole inside an append that this process's readers wait at ({@link #beforeHolesInAppends}), first seen. */
    private final Map<Long, Instant> holesSeen = new ConcurrentHashMap<>();
    private final int maxGapOffset;
    private final Clock clock;
    /**
     * The hash of the last event this process appended per aggregate, so an append seldom reads its predecessor.
     * Only its own appends, never what it loaded: an event read in the moment between another writer's insert and
     * its undo would leave a hash no stored event has.
     */
    private final LastHashes lastHash = new LastHashes(10_000);
    /** How long a read of the head may answer the next reads of it ({@link Builder#headReuse}), in nanoseconds. */
    private final long headReuseNanos;
    /** The last read of the head that may be reused, if any. */
    private volatile HeadRead lastHead;
    /** Counts this process's takes of positions: a read of the head from before the last take is not reused. */
    private final AtomicLong positionsTaken = new AtomicLong();

    private IndexedEventStorageEngine(Builder builder) {
        super(builder);
        this.events = builder.database.getCollection(builder.collection);
        this.counters = builder.database.getCollection(COUNTERS);
        this.counterId = builder.collection;
        this.gapTimeout = builder.gapTimeout;
        this.holeWait = builder.holeWait;
        this.maxGapOffset = builder.maxGapOffset;
        this.clock = builder.clock;
        this.headReuseNanos = builder.headReuse.toNanos();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the unique {@code stream} key (and a timestamp index for {@link #createTokenAt}), and notes, the first
     * time, the position from which every event is sealed ({@link EventSeals#sealedFrom}); idempotent.
     */
    public void ensureIndexes() {
        events.createIndex(Indexes.ascending(Fields.STREAM), new IndexOptions().name(Fields.STREAM).unique(true));
        events.createIndex(Indexes.ascending(Fields.TIMESTAMP), new IndexOptions().name(Fields.TIMESTAMP));
        events.createIndex(Indexes.ascending(Fields.ATTEMPT), new IndexOptions().name(Fields.ATTEMPT).sparse(true));
        counters.updateOne(Filters.eq("_id", counterId + EventSeals.SEALED_FROM),
                Updates.setOnInsert("position", head() + 1), new UpdateOptions().upsert(true));
    }

    // ---- appending ----

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> messages, Serializer serializer) {
        if (messages.isEmpty()) {
            return;
        }
        // Serialized (and encrypted) and sealed first, positions taken last: a position taken is a gap for every
        // reader until its event is written, so the time between the two is kept to the insert alone.
        List<Document> documents = new ArrayList<>(messages.size());
        Map<String, String> lastHashes = new HashMap<>();
        for (EventMessage<?> message : messages) {
            DomainEventMessage<?> event = asDomainEvent(message);
            Document document = document(event, serializer);
            String aggregate = event.getAggregateIdentifier();
            String previous = lastHashes.containsKey(aggregate) ? lastHashes.get(aggregate)
                    : previousHash(aggregate, event.getSequenceNumber());
            EventSeals.seal(document, previous);
            lastHashes.put(aggregate, document.getString(EventSeals.HASH));
            documents.add(document);
        }
        long first = takePositions(messages.size());
        for (int i = 0; i < documents.size(); i++) {
            Document positioned = new Document("_id", first + i);
            positioned.putAll(documents.get(i));
            positioned.put(Fields.APPEND_FROM, first);
            documents.set(i, positioned);
        }
        try {
            events.insertMany(documents, new InsertManyOptions().ordered(true));
            documents.forEach(document -> lastHash.remember(document.getString(Fields.STREAM),
                    document.getString(EventSeals.HASH)));
        } catch (MongoBulkWriteException failure) {
            int failed = failure.getWriteErrors().isEmpty() ? 0 : failure.getWriteErrors().get(0).getIndex();
            undo(documents.subList(0, failed));
            handlePersistenceException(failure, messages.get(failed));
        } catch (RuntimeException failure) {
            undo(documents); // which of them were written is unknown
            handlePersistenceException(failure, messages.get(0));
        }
    }

    /**
     * The hash of the event before {@code sequence} in the aggregate: remembered from the last append or load of it
     * in this process, or read. An event stored before events were sealed has none; the chain starts after it.
     */
    private String previousHash(String aggregateId, long sequence) {
        if (sequence == 0) {
            return EventSeals.GENESIS;
        }
        String key = streamKey(aggregateId, sequence - 1);
        String known = lastHash.recall(key);
        if (known != null) {
            return known;
        }
        Document previous = events.find(Filters.eq(Fields.STREAM, key))
                .projection(Projections.include(EventSeals.HASH)).first();
        String hash = previous == null ? null : previous.getString(EventSeals.HASH);
        return hash == null ? EventSeals.GENESIS : hash;
    }

    /**
     * Takes {@code count} consecutive positions from the counter; answers the first. The counter is read as it was
     * before the increment: the embedded server applies concurrent increments one at a time but may answer two of
     * them with the same document after (measured: 136 repeats in 4,800 increments from 16 threads), while the
     * document before is taken under its collection lock, as a real MongoDB does for both.
     */
    private long takePositions(int count) {
        try {
            Document before = counters.findOneAndUpdate(Filters.eq("_id", counterId),
                    Updates.inc("next", (long) count),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
            return before == null ? 0 : before.get("next", Number.class).longValue();
        } finally {
            positionsTaken.incrementAndGet(); // after the take: a head read from before it is not reused
        }
    }

    /**
     * Deletes what a failed append had written, so none of it stays visible. Best effort: the failure is reported
     * whatever happens here; a reader that saw these events in the moment between would have applied them.
     */
    private void undo(List<Document> written) {
        if (written.isEmpty()) {
            return;
        }
        try {
            events.deleteMany(Filters.in("_id", written.stream().map(document -> document.get("_id")).toList()));
        } catch (RuntimeException failure) {
            log.error("An append failed half way and its first {} events could not be removed again", written.size(),
                    failure);
        }
    }

    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> domain) {
            return domain;
        }
        // An event outside any aggregate: its own one-event stream, keyed by its identifier.
        return new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message.getPayload(),
                message.getMetaData(), message.getIdentifier(), message.getTimestamp());
    }

    /** The event's document, without its position ({@code _id}), which is taken once the document is ready. */
    private static Document document(DomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        Document document = new Document()
                .append(Fields.STREAM, streamKey(event.getAggregateIdentifier(), event.getSequenceNumber()))
                .append(Fields.AGGREGATE, event.getAggregateIdentifier())
                .append(Fields.SEQUENCE, event.getSequenceNumber())
                .append(Fields.TYPE, event.getType())
                .append(Fields.EVENT_ID, event.getIdentifier())
                .append(Fields.TIMESTAMP, formatTimestamp(event.getTimestamp()))
                .append(Fields.PAYLOAD_TYPE, payload.getType().getName())
                .append(Fields.PAYLOAD_REVISION, payload.getType().getRevision())
                .append(Fields.PAYLOAD, payload.getData())
                .append(Fields.META_DATA, metaData.getData());
        Object attempt = event.getMetaData().get(AuditMetaData.ATTEMPT_ID);
        if (attempt != null) {
            document.append(Fields.ATTEMPT, attempt.toString()); // a copy of the sealed metadata's, to find it by
        }
        return document;
    }

    static String streamKey(String aggregateId, long sequence) {
        return aggregateId + ':' + sequence;
    }

    /** Fixed width (milliseconds), so that timestamps compare as strings in time order. */
    static String formatTimestamp(TemporalAccessor timestamp) {
        return DateTimeUtils.formatInstant(timestamp);
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        throw new UnsupportedOperationException("This event store keeps no snapshots; aggregates are cached instead");
    }

    // ---- reading an aggregate ----

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateId, long firstSequence,
                                                                   int batchSize) {
        List<String> keys = new ArrayList<>(AGGREGATE_PAGE);
        for (long sequence = firstSequence; sequence < firstSequence + AGGREGATE_PAGE; sequence++) {
            keys.add(streamKey(aggregateId, sequence));
        }
        List<Document> found = IdLookups.find(events, Fields.STREAM, keys);
        found.sort(Comparator.comparingLong(document -> document.get(Fields.SEQUENCE, Number.class).longValue()));
        List<DomainEventData<?>> page = new ArrayList<>(found.size());
        long expected = firstSequence;
        for (Document document : found) {
            if (document.get(Fields.SEQUENCE, Number.class).longValue() != expected++) {
                break; // the stream has no holes; stop at one rather than skip it
            }
            page.add(domainEntry(document));
        }
        return page;
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateId) {
        return Stream.empty();
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateId) {
        long next = 0;
        while (true) {
            List<? extends DomainEventData<?>> page = fetchDomainEvents(aggregateId, next, AGGREGATE_PAGE);
            next += page.size();
            if (page.size() < AGGREGATE_PAGE) {
                return next == 0 ? Optional.empty() : Optional.of(next - 1);
            }
        }
    }

    // ---- following the stream ----

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = lastToken == null ? GapAwareTrackingToken.newInstance(-1, List.of())
                : (GapAwareTrackingToken) lastToken;
        long head = followedHead();
        SortedSet<Long> wanted = new TreeSet<>(token.getGaps());
        long next = token.getIndex() + 1;
        long from = next;
        List<Document> found = List.of();
        while (true) {
            long to = Math.min(head, from + batchSize - 1);
            for (long position = from; position <= to; position++) {
                wanted.add(position);
            }
            if (wanted.isEmpty()) {
                return List.of();
            }
            found = IdLookups.find(events, "_id", wanted);
            if (!found.isEmpty() || to >= head) {
                break;
            }
            // A whole window of positions taken but not (or not yet) written: look past it. They stay gaps.
            wanted.clear();
            wanted.addAll(token.getGaps());
            from = to + 1;
        }
        if (found.isEmpty()) {
            return List.of();
        }
        found.sort(Comparator.comparingLong(IndexedEventStorageEngine::positionOf));
        Set<Long> holes = holesInAppends(found, token);
        if (!holes.isEmpty()) {
            found = withHolesReadAgain(found, holes);
            holes = holesInAppends(found, token);
        }
        // the gaps kept are those found, delivered now or, past a cut, next time
        GapAwareTrackingToken advanced = withoutExpiredGaps(token, found);
        found = beforeHolesInAppends(found, holes);
        if (found.isEmpty()) {
            return List.of();
        }
        List<TrackedEventData<?>> batch = new ArrayList<>(found.size());
        for (Document document : found) {
            long position = positionOf(document);
            if (position < next) {
                log.debug("Position {} delivered after positions above it: it was still being written", position);
            }
            advanced = advanced.advanceTo(position, maxGapOffset);
            batch.add(new TrackedDomainEventData<>(advanced, domainEntry(document)));
        }
        return batch;
    }

    /**
     * {@code found} (sorted by position) with {@code holes}, the positions it lacks inside the appends of its events
     * ({@link #holesInAppends}), read again: an ordered insert wrote them before the later events found, so they are
     * there now, unless their append is failing and being undone.
     */
    private List<Document> withHolesReadAgain(List<Document> found, Set<Long> holes) {
        List<Document> again = IdLookups.find(events, "_id", holes);
        if (again.isEmpty()) {
            return found;
        }
        List<Document> merged = new ArrayList<>(found);
        merged.addAll(again);
        merged.sort(Comparator.comparingLong(IndexedEventStorageEngine::positionOf));
        return merged;
    }

    /**
     * {@code found} (sorted by position), cut before the first event whose predecessor in its own append is one of
     * {@code holes} ({@link #holesInAppends}), for at most {@code holeWait} from when this process first saw that
     * hole; past that, the events after it are delivered without it, and it is left as a gap.
     */
    private List<Document> beforeHolesInAppends(List<Document> found, Set<Long> holes) {
        if (holes.isEmpty()) {
            return found;
        }
        Instant now = clock.instant();
        if (holesSeen.size() > 1_000) {
            holesSeen.values().removeIf(seen -> !now.isBefore(seen.plus(holeWait)));
        }
        for (int i = 0; i < found.size(); i++) {
            long hole = positionOf(found.get(i)) - 1;
            if (!holes.contains(hole)) {
                continue;
            }
            if (now.isBefore(holesSeen.computeIfAbsent(hole, position -> now).plus(holeWait))) {
                return found.subList(0, i);
            }
            log.warn("Position {} of an append was not written within {} of the later events of its append; they are "
                    + "delivered without it, and a view that applies them skips it if it comes", hole, holeWait);
        }
        return found;
    }

    /**
     * The positions inside the appends of the events of {@code found} (from each append's first position up to the
     * event) that the token has not passed (after its index, or one of its gaps) and {@code found} lacks: walked back
     * from each event to the last position found or passed.
     */
    private static Set<Long> holesInAppends(List<Document> found, GapAwareTrackingToken token) {
        Set<Long> positions = new HashSet<>();
        found.forEach(document -> positions.add(positionOf(document)));
        Set<Long> holes = new TreeSet<>();
        for (Document document : found) {
            Number appendFrom = document.get(Fields.APPEND_FROM, Number.class);
            if (appendFrom == null) {
                continue; // stored before events recorded their append
            }
            for (long before = positionOf(document) - 1; before >= appendFrom.longValue()
                    && !positions.contains(before)
                    && (before > token.getIndex() || token.getGaps().contains(before)); before--) {
                holes.add(before);
            }
        }
        return holes;
    }

    private static long positionOf(Document event) {
        return event.get("_id", Number.class).longValue();
    }

    /**
     * {@code token} without the gaps this batch did not fill, once the event at the token's own position is older
     * than the gap timeout: every gap below it was taken before that event was appended, so a writer that has not
     * written it by now never will.
     */
    private GapAwareTrackingToken withoutExpiredGaps(GapAwareTrackingToken token, List<Document> found) {
        if (!token.hasGaps() || token.getIndex() < 0) {
            return token;
        }
        Document last = events.find(Filters.eq("_id", token.getIndex())).first();
        if (last == null || !DateTimeUtils.parseInstant(last.getString(Fields.TIMESTAMP))
                .isBefore(clock.instant().minus(gapTimeout))) {
            return token;
        }
        SortedSet<Long> filled = new TreeSet<>();
        for (Document document : found) {
            long position = document.get("_id", Number.class).longValue();
            if (token.getGaps().contains(position)) {
                filled.add(position);
            }
        }
        return GapAwareTrackingToken.newInstance(token.getIndex(), filled);
    }

    /**
     * The head for following the stream: {@link #head()}, or the last read of it if that is younger than the reuse
     * time and this process has taken no position since. Axon's event store polls again at once after every fetch
     * that found events, and finds nothing: at one client that was two reads of the counter per command.
     * <p>
     * What this process appends is never missed: its take of a position makes the last read stale, and its commit
     * wakes Axon's event store. What another process appends within the reuse time after a read is not seen by
     * that immediate second poll: Axon's event store then waits for this process's next commit, or for its fetch
     * delay (a second), before it polls again. So a process that appends nothing never reuses a read: it follows
     * another process's events only by polling, and under load that second poll is what keeps it streaming.
     */
    private long followedHead() {
        long takes = positionsTaken.get();
        if (headReuseNanos <= 0 || takes == 0) {
            return head();
        }
        long now = System.nanoTime();
        HeadRead last = lastHead;
        if (last != null && last.positionsTaken() == takes && now - last.readAt() < headReuseNanos) {
            return last.head();
        }
        long head = head();
        lastHead = new HeadRead(head, now, takes); // read after the count and the time it is stamped with
        return head;
    }

    /** A read of the head, when it was made, and how many positions this process had taken before it. */
    private record HeadRead(long head, long readAt, long positionsTaken) {
    }

    /** The last position taken, written or not; -1 for an empty store. */
    private long head() {
        Document counter = counters.find(Filters.eq("_id", counterId)).first();
        return counter == null ? -1 : counter.get("next", Number.class).longValue() - 1;
    }

    @Override
    public TrackingToken createTailToken() {
        return GapAwareTrackingToken.newInstance(-1, List.of());
    }

    /** Positions taken but not yet written are not waited for: a processor starting here begins after them. */
    @Override
    public TrackingToken createHeadToken() {
        long taken = head();
        for (long position = taken; position >= 0 && position > taken - HEAD_LOOK_BACK; position--) {
            if (events.find(Filters.eq("_id", position)).projection(Projections.include("_id")).first() != null) {
                return GapAwareTrackingToken.newInstance(position, List.of());
            }
        }
        return GapAwareTrackingToken.newInstance(taken, List.of());
    }

    /** A query on the timestamp: an index range on MongoDB, a scan on the embedded server; only resets use it. */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Document first = events.find(Filters.gte(Fields.TIMESTAMP, formatTimestamp(dateTime)))
                .sort(Sorts.ascending("_id")).limit(1).first();
        return first == null ? createHeadToken()
                : GapAwareTrackingToken.newInstance(first.get("_id", Number.class).longValue() - 1, List.of());
    }

    static DomainEventData<String> domainEntry(Document document) {
        return new StoredEntry(document);
    }

    /**
     * An event as stored. Its timestamp is read without Java's date-time formatter when it is in the form this
     * store writes ({@link IsoInstants#parse}), by Axon's parser otherwise: a flight recording of a replay found the
     * formatter at 4.5% of its CPU, each view reading the timestamp of each event.
     */
    private static final class StoredEntry extends GenericDomainEventEntry<String> {

        private final String timestamp;

        StoredEntry(Document document) {
            super(document.getString(Fields.TYPE), document.getString(Fields.AGGREGATE),
                    document.get(Fields.SEQUENCE, Number.class).longValue(), document.getString(Fields.EVENT_ID),
                    document.getString(Fields.TIMESTAMP), document.getString(Fields.PAYLOAD_TYPE),
                    document.getString(Fields.PAYLOAD_REVISION), document.getString(Fields.PAYLOAD),
                    document.getString(Fields.META_DATA));
            this.timestamp = document.getString(Fields.TIMESTAMP);
        }

        @Override
        public Instant getTimestamp() {
            Instant parsed = IsoInstants.parse(timestamp); // never null: Axon's constructor refuses it
            return parsed != null ? parsed : super.getTimestamp();
        }
    }

    /**
     * Hashes by stream key, the least recently used forgotten past a bound. A key's hash never changes once its
     * event is written (an append that failed is never remembered), so a remembered hash is never stale.
     */
    private static final class LastHashes {

        private final Map<String, String> hashes;

        LastHashes(int bound) {
            this.hashes = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > bound;
                }
            };
        }

        synchronized void remember(String streamKey, String hash) {
            hashes.put(streamKey, hash);
        }

        synchronized String recall(String streamKey) {
            return hashes.get(streamKey);
        }
    }

    /** The field names of an event document. */
    static final class Fields {
        static final String STREAM = "stream";
        static final String AGGREGATE = "aggregateIdentifier";
        static final String SEQUENCE = "sequenceNumber";
        static final String TYPE = "type";
        static final String EVENT_ID = "eventIdentifier";
        static final String TIMESTAMP = "timestamp";
        static final String PAYLOAD_TYPE = "payloadType";
        static final String PAYLOAD_REVISION = "payloadRevision";
        static final String PAYLOAD = "payload";
        static final String META_DATA = "metaData";
        /** The first position of the append the event was written in (not sealed: taken after the seal). */
        static final String APPEND_FROM = "appendFrom";
        /** The request attempt that recorded the event ({@link RecordedAttempts}); only on idempotent requests. */
        static final String ATTEMPT = AuditMetaData.ATTEMPT_ID;

        private Fields() {
        }
    }

    /** Builds the engine: a database, a collection, the serializers and the batch size of Axon's builder. */
    public static final class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private String collection = "events";
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Duration holeWait = Duration.ofSeconds(1);
        private int maxGapOffset = 10_000;
        private Clock clock = Clock.systemUTC();
        private Duration headReuse = Duration.ZERO;

        private Builder() {
            persistenceExceptionResolver(IndexedEventStorageEngine::isDuplicateKey);
            finalAggregateBatchPredicate(page -> page.size() < AGGREGATE_PAGE);
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder collection(String collection) {
            this.collection = collection;
            return this;
        }

        /** How long a position taken but not written is waited for before a reader gives it up. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /**
         * How long a reader waits at a position of an append that a later event of the same append follows, when a
         * second read does not find it either (an append failing, its written events undone), before it leaves it
         * as a gap and delivers the events after it.
         */
        public Builder holeWait(Duration holeWait) {
            if (holeWait.isNegative()) {
                throw new IllegalArgumentException("The wait at a hole cannot be negative: " + holeWait);
            }
            this.holeWait = holeWait;
            return this;
        }

        /**
         * How long a read of the last position taken may answer the next reads of it while following the stream,
         * in a process that appends (default zero: every fetch reads it). Appends of this process are seen at once
         * whatever it is; another process's, appended within this time after a read, wait for Axon's event store
         * to poll again: at this process's next commit, or after its fetch delay.
         */
        public Builder headReuse(Duration headReuse) {
            if (headReuse.isNegative()) {
                throw new IllegalArgumentException("The head's reuse time cannot be negative: " + headReuse);
            }
            this.headReuse = headReuse;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer serializer) {
            super.eventSerializer(serializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer serializer) {
            super.snapshotSerializer(serializer);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        public IndexedEventStorageEngine build() {
            if (database == null) {
                throw new IllegalStateException("An event store needs a database");
            }
            return new IndexedEventStorageEngine(this);
        }
    }

    private static boolean isDuplicateKey(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoBulkWriteException bulk) {
                return bulk.getWriteErrors().stream()
                        .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            }
            if (cause instanceof MongoServerException server
                    && ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }
}
