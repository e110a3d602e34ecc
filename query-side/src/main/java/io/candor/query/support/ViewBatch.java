package io.candor.query.support;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.candor.infrastructure.IdLookups;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The writes of one view while its processor handles a batch of events, sent as one bulk write per collection
 * when the batch's last event is handled, before the processor stores its token (see {@link ViewBatchFlush}).
 * <p>
 * A document read through the batch is the batch's own copy once it has been written in the batch, so two events
 * of one opportunity in a batch build on each other; a batch of 100 events of one candidate costs one read and
 * one write instead of a hundred of each. Positions for read-your-writes are written after the documents, so a
 * reader who sees a position also sees what it stands for; in a processor's batch in the background
 * ({@link ViewPositions#recordInBackground}), while the processor goes on to its next batch. If the bulk write
 * fails, the exception rolls the batch back and the processor retries it from the token it stored last: every
 * document keeps the guard that makes applying an event twice change nothing.
 * <p>
 * Reads are gathered too: the first read of a collection in a batch fetches by {@code _id} (250 keys per query), the
 * documents of every aggregate and every candidate the batch's events belong to, which is what the views' documents
 * are keyed by; a later read of one of them costs no round trip. A replay of a batch
 * of 1,000 events then reads each collection in a few queries instead of one per opportunity or candidate (and again
 * after a flush in the middle of the batch). A read of a document the batch has not written answers a fresh copy, as
 * a query would; one it has written answers what it will write (the very object), which the projection may change
 * further before it replaces it again.
 * <p>
 * The documents of one collection are written in the order they were last replaced or, where it takes fewer round
 * trips, those written whole before those updated ({@link Write#fewestRoundTrips}). Either way a new document is
 * written before every document replaced after it: one that lists new documents of its own collection (a
 * timeline's open page, its closed pages) is replaced after them, and so written after them.
 * <p>
 * A large document the batch read as stored is written back as an update of what changed in it
 * ({@link DocumentChanges}): a candidate's document grows with their history, one event changes little of it.
 * <p>
 * Outside a unit of work (a projection fed directly by a test) every write goes to the database at once.
 */
public final class ViewBatch {

    private static final String RESOURCE_PREFIX = ViewBatch.class.getName() + ".";
    private static final String DISCARDED = ViewBatch.class.getName() + "#discarded";
    private static final String CATCHING_UP_RESOURCE = ViewBatch.class.getName() + "#catchingUp";
    /**
     * A stored document of at least this many bytes is written back as what changed in it; a smaller one whole, which
     * costs no more on any server than an update, and spares the comparison.
     */
    static final int UPDATE_FROM_BYTES = 4096;
    /**
     * A processor's batch of at least this many events (a full one, at the default batch size) is a view catching up,
     * as a replay is; following the commands, a batch holds what arrived while the last was handled, a few hundred at
     * 700 commands/s here. A batch catching up makes way for the requests being served ({@link RequestsInFlight})
     * between two events.
     */
    static final int CATCHING_UP = 5000;

    private final String view;
    private final ViewPositions positions;
    private final boolean writeThrough;
    /**
     * Whether the batch is a processor's ({@link BatchingUnitOfWork}), whose token is written after it: its positions
     * are then written in the background ({@link ViewPositions#recordInBackground}), else at once.
     */
    private final boolean processorBatch;
    /** Per collection and {@code _id}, what the batch will write: a document, or a view still to be mapped. */
    private final Map<MongoCollection<Document>, Map<String, Object>> pending = new LinkedHashMap<>();
    /** Collections written before the others, whatever the order the batch touched them in. */
    private final Set<MongoCollection<Document>> writtenFirst = new LinkedHashSet<>();
    private final Map<String, Long> pendingPositions = new LinkedHashMap<>();
    /** The ids the batch's events are about: their aggregates and their candidates. Empty outside a batch. */
    private final Set<String> batchKeys;
    /** Per collection read so far, the stored documents of {@link #batchKeys} as they were when first read. */
    private final Map<MongoCollection<Document>, Map<String, RawBsonDocument>> fetched = new HashMap<>();
    /** Per collection read through a {@link ViewDocumentCache}, that cache. */
    private final Map<MongoCollection<Document>, ViewDocumentCache> caches = new HashMap<>();
    /** Per collection, the documents the batch took out of its cache, to be given back once written. */
    private final Map<MongoCollection<Document>, Map<String, ViewDocumentCache.Entry>> taken = new HashMap<>();
    /** Per collection fetched, the keys left out of the fetch because its cache held them then. */
    private final Map<MongoCollection<Document>, Set<String>> notFetched = new HashMap<>();

    private ViewBatch(String view, ViewPositions positions, boolean writeThrough, boolean processorBatch,
                      Set<String> batchKeys) {
        this.view = Objects.requireNonNull(view);
        this.positions = Objects.requireNonNull(positions);
        this.writeThrough = writeThrough;
        this.processorBatch = processorBatch;
        this.batchKeys = batchKeys;
    }

    /** The batch of {@code view} in the current unit of work, or a write-through one outside any. */
    public static ViewBatch of(String view, ViewPositions positions) {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ViewBatch(view, positions, true, false, Set.of());
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching && Boolean.TRUE.equals(
                unitOfWork.getOrComputeResource(CATCHING_UP_RESOURCE, key -> catchingUp(batching)))) {
            RequestsInFlight.makeWay();
        }
        return unitOfWork.getOrComputeResource(RESOURCE_PREFIX + view, key -> {
            ViewBatch batch = new ViewBatch(view, positions, false, unitOfWork instanceof BatchingUnitOfWork<?>,
                    keysOf(unitOfWork));
            // A safety net: where no ViewBatchFlush runs (a processor configured without it), the batch is still
            // written when its unit of work commits, after the token, rather than never. With it, nothing is left.
            unitOfWork.onPrepareCommit(committing -> {
                if (committing.resources().containsKey(DISCARDED)) {
                    throw new ViewBatchDiscardedException();
                }
                batch.flush();
            });
            return batch;
        });
    }

    /**
     * Whether a processor's batch is a view catching up: a replay, or a batch of {@value #CATCHING_UP} events or more.
     * Asked once a batch: Axon lists the batch's messages anew at each call.
     */
    static boolean catchingUp(BatchingUnitOfWork<?> batch) {
        List<? extends Message<?>> messages = batch.getMessages();
        return messages.size() >= CATCHING_UP || !messages.isEmpty()
                && messages.get(messages.size() - 1) instanceof TrackedEventMessage<?> tracked
                && ReplayToken.isReplay(tracked.trackingToken());
    }

    /**
     * Marks what the current unit of work has staged as never to be written: an event handler failed in it and its
     * event was parked as a dead letter, and the batch may hold half of what that handler meant to write.
     * {@link ViewBatchFlush} then fails the unit of work as soon as that event's handling returns, so the processor
     * rolls the batch back and handles it again from its last stored token. The second time, the dead-letter queue
     * holds the event and parks it before any handler runs: the batch is written without a trace of it, with every
     * other event. Costs one retry of the batch (Axon's tracking processor waits a second before it) per event that
     * fails for the first time.
     */
    public static void discardCurrent() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().resources().put(DISCARDED, Boolean.TRUE);
        }
    }

    /** Whether the current unit of work's batches must not be written; see {@link #discardCurrent()}. */
    static boolean isCurrentDiscarded() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().resources().containsKey(DISCARDED);
    }

    /** Flushes the batch of every view in the current unit of work, if it has one; see {@link ViewBatchFlush}. */
    static void flushCurrent() {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        if (isCurrentDiscarded()) {
            throw new ViewBatchDiscardedException();
        }
        CurrentUnitOfWork.get().resources().forEach((key, value) -> {
            if (key.startsWith(RESOURCE_PREFIX) && value instanceof ViewBatch batch) {
                batch.flush();
            }
        });
    }

    /** The aggregates and candidates of the events of a batch, or of the one event of a unit of work. */
    private static Set<String> keysOf(UnitOfWork<?> unitOfWork) {
        List<?> messages = unitOfWork instanceof BatchingUnitOfWork<?> batch ? batch.getMessages()
                : List.of(unitOfWork.getMessage());
        Set<String> keys = new LinkedHashSet<>();
        for (Object message : messages) {
            if (message instanceof DomainEventMessage<?> event) {
                keys.add(event.getAggregateIdentifier());
            }
            if (message instanceof EventMessage<?> event
                    && CandidateSequencing.INSTANCE.getSequenceIdentifierFor(event) instanceof String candidate) {
                keys.add(candidate);
            }
        }
        return keys;
    }

    /** The document with this {@code _id}: the batch's copy if it wrote one, else the stored one, else null. */
    public Document find(MongoCollection<Document> collection, String id) {
        Object written = pending.getOrDefault(collection, Map.of()).get(id);
        if (written != null) {
            return written instanceof Document document ? document : ViewDocuments.toDocument(derived(written));
        }
        return stored(collection, id);
    }

    /** The stored document, from what the batch fetched at its first read of the collection when it is one of its. */
    private Document stored(MongoCollection<Document> collection, String id) {
        RawBsonDocument raw = storedBson(collection, id);
        return raw == null ? null : raw.decode(collection.getCodecRegistry().get(Document.class));
    }

    /** The stored document as the store sent it: for a view, read from its bytes with no Document in between. */
    private RawBsonDocument storedBson(MongoCollection<Document> collection, String id) {
        Map<String, RawBsonDocument> documents = writeThrough || !batchKeys.contains(id) ? null
                : fetched.computeIfAbsent(collection, this::fetch);
        if (documents == null) {
            return collection.withDocumentClass(RawBsonDocument.class).find(Filters.eq("_id", id)).first();
        }
        Set<String> leftOut = notFetched.get(collection);
        if (leftOut != null && leftOut.remove(id)) {
            // One the cache held when the batch fetched the others, and has let go of since: read on its own, and
            // written back as one fetched with them
            RawBsonDocument alone = collection.withDocumentClass(RawBsonDocument.class).find(Filters.eq("_id", id))
                    .first();
            if (alone != null) {
                documents.put(id, alone);
            }
        }
        return documents.get(id);
    }

    /** The stored documents of the batch's keys, but those the collection's cache holds now. */
    private Map<String, RawBsonDocument> fetch(MongoCollection<Document> collection) {
        ViewDocumentCache cache = caches.get(collection);
        Set<String> keys = batchKeys;
        if (cache != null) {
            Set<String> cached = new HashSet<>();
            batchKeys.stream().filter(cache::holds).forEach(cached::add);
            notFetched.put(collection, cached);
            keys = new LinkedHashSet<>(batchKeys);
            keys.removeAll(cached);
        }
        Map<String, RawBsonDocument> documents = new HashMap<>();
        for (RawBsonDocument document : IdLookups.find(collection.withDocumentClass(RawBsonDocument.class), "_id",
                keys)) {
            documents.put(document.getString("_id").getValue(), document);
        }
        return documents;
    }

    /**
     * The view with this {@code _id}, read as {@code type}: the very object the batch will write if it holds one,
     * so a batch maps a view from and to its document once, not once per event.
     */
    public <T> T find(MongoCollection<Document> collection, String id, Class<T> type) {
        Object written = pending.getOrDefault(collection, Map.of()).get(id);
        if (type.isInstance(written)) {
            return type.cast(written);
        }
        if (written instanceof Document pendingDocument) {
            return ViewDocuments.fromDocument(pendingDocument, type);
        }
        RawBsonDocument stored = storedBson(collection, id);
        return stored == null ? null : ViewDocuments.fromBson(stored, type);
    }

    /**
     * Like {@link #find(MongoCollection, String)}, through {@code cache} (see
     * {@link #find(MongoCollection, String, Class, ViewDocumentCache)}): a copy of the document this process last
     * wrote, the batch's own to change, if the cache holds it; else the stored document.
     */
    public Document find(MongoCollection<Document> collection, String id, ViewDocumentCache cache) {
        Document cached = writeThrough || !batchKeys.contains(id) ? null : take(collection, id, Document.class, cache);
        return cached != null ? cached : find(collection, id);
    }

    /**
     * Like {@link #find(MongoCollection, String, Class)}, through {@code cache}: the view object this process last
     * wrote, if the cache holds it, read from nothing; else read from the store. Either way, the batch writes the
     * document back on condition that it is still the version it was read at ({@link ViewDocumentCache}), and gives
     * it to the cache once written.
     */
    public <T> T find(MongoCollection<Document> collection, String id, Class<T> type, ViewDocumentCache cache) {
        T cached = writeThrough || !batchKeys.contains(id) ? null : take(collection, id, type, cache);
        return cached != null ? cached : find(collection, id, type);
    }

    /** The view object of the cache's document with this {@code _id}, taken out of it; null if it has none. */
    private <T> T take(MongoCollection<Document> collection, String id, Class<T> type, ViewDocumentCache cache) {
        caches.put(collection, cache);
        if (pending.getOrDefault(collection, Map.of()).containsKey(id)) {
            return null; // the batch's own copy, which the other finds answer
        }
        Map<String, ViewDocumentCache.Entry> takenHere = taken.computeIfAbsent(collection, c -> new HashMap<>());
        ViewDocumentCache.Entry entry = takenHere.containsKey(id) ? takenHere.get(id) : cache.take(id);
        if (entry != null && type.isInstance(entry.view())) {
            takenHere.put(id, entry);
            return type.cast(entry.view());
        }
        takenHere.remove(id);
        return null;
    }

    /**
     * Replaces (or inserts) the document with this {@code _id}, whole: a document, or a view to be mapped. Within its
     * collection it is written after every new document replaced before it, even if it was replaced before them too.
     */
    public void replace(MongoCollection<Document> collection, String id, Object documentOrView) {
        ViewDocumentCache cache = caches.get(collection);
        if (cache != null && !taken.getOrDefault(collection, Map.of()).containsKey(id)) {
            cache.take(id); // written from elsewhere than the cache's copy: that copy is no longer what is stored
        }
        if (writeThrough) {
            collection.replaceOne(Filters.eq("_id", id), asDocument(id, derived(documentOrView)),
                    new ReplaceOptions().upsert(true));
        } else {
            Map<String, Object> documents = pending.computeIfAbsent(collection, c -> new LinkedHashMap<>());
            documents.remove(id); // to the end: written after what was replaced before it
            documents.put(id, documentOrView);
        }
    }

    /**
     * Like {@link #replace}, in a collection the batch writes before any other: one that lists documents of
     * other collections, so that no retried batch can find a document stored but not listed.
     */
    public void replaceFirst(MongoCollection<Document> collection, String id, Object documentOrView) {
        writtenFirst.add(collection);
        replace(collection, id, documentOrView);
    }

    /** Records that the view has applied {@code sequence} of {@code aggregateId}. */
    public void applied(String aggregateId, long sequence) {
        if (writeThrough) {
            positions.record(view, aggregateId, sequence);
        } else {
            pendingPositions.merge(aggregateId, sequence, Math::max);
        }
    }

    /**
     * Sends what the batch holds, documents first and positions last (in a processor's batch in the background, once
     * the documents are written), and empties it. A projection calls this
     * itself before a write the batch cannot hold (an update of many documents), so that the write sees the batch.
     */
    public void flush() {
        List<MongoCollection<Document>> order = new ArrayList<>(writtenFirst);
        pending.keySet().stream().filter(collection -> !writtenFirst.contains(collection)).forEach(order::add);
        Map<MongoCollection<Document>, Map<String, ViewDocumentCache.Entry>> written = new HashMap<>();
        for (MongoCollection<Document> collection : order) {
            Map<String, Object> documents = pending.getOrDefault(collection, Map.of());
            if (!documents.isEmpty()) {
                written.put(collection, write(collection, documents));
            }
        }
        // Every write went through: the caches get what was written, and back what was read and left as it was.
        taken.forEach((collection, entries) -> entries.forEach((id, entry) -> caches.get(collection).put(id, entry)));
        written.forEach((collection, entries) -> entries.forEach((id, entry) -> caches.get(collection).put(id, entry)));
        taken.clear();
        pending.clear();
        fetched.clear(); // what was fetched is older than what was just written: read again from here on
        notFetched.clear();
        if (!pendingPositions.isEmpty()) {
            if (processorBatch) {
                positions.recordInBackground(view, pendingPositions);
            } else {
                positions.recordAll(view, pendingPositions); // a dead letter retried on a request's thread
            }
            pendingPositions.clear();
        }
    }

    /**
     * Writes what the batch holds for one collection in one bulk write: a document the batch read as stored, of
     * {@link #UPDATE_FROM_BYTES} or more, is updated with what changed in it ({@link DocumentChanges}), or not
     * written at all if nothing did; any other is replaced whole (inserted if new). An update that finds its
     * document gone (it cannot, while this processor holds the candidate's segment) fails the batch, which is then
     * handled again from what is stored.
     * <p>
     * In a collection read through a {@link ViewDocumentCache}, every document is written with a new version, and one
     * read with a version, from the cache or the store, on condition that the stored one is still that version
     * (large, as what changed in it; small, whole). One that is not (another process wrote it) fails the batch the
     * same way. Returns what the cache is to keep of each document of the batch's keys written, whatever its size:
     * a small one read again would cost a round trip as a large one does.
     */
    private Map<String, ViewDocumentCache.Entry> write(MongoCollection<Document> collection,
                                                       Map<String, Object> documents) {
        Map<String, RawBsonDocument> stored = fetched.getOrDefault(collection, Map.of());
        boolean cached = caches.containsKey(collection);
        Map<String, ViewDocumentCache.Entry> takenHere = taken.getOrDefault(collection, Map.of());
        Map<String, ViewDocumentCache.Entry> toCache = new HashMap<>();
        List<Write> planned = new ArrayList<>(documents.size());
        CodecRegistry codecs = collection.getCodecRegistry();
        int mustMatch = 0;
        int replaces = 0;
        for (Map.Entry<String, Object> pendingDocument : documents.entrySet()) {
            String id = pendingDocument.getKey();
            ViewDocumentCache.Entry read = takenHere.isEmpty() ? null : takenHere.remove(id);
            Object value = derived(pendingDocument.getValue());
            // a view object the cache keeps is mapped reusing what its last mapping made of its unchanged records
            DocumentParts.Mapped mapped = !cached || value instanceof Document ? null
                    : ViewDocuments.toDocument(value, read == null ? null : read.parts());
            Document wanted = mapped == null ? asDocument(id, value) : withId(id, mapped.document());
            RawBsonDocument raw = read == null ? stored.get(id) : null;
            // read large, from the cache or the store: written as what changed in it; a small one whole
            boolean large = read != null ? read.bytes() >= UPDATE_FROM_BYTES
                    : raw != null && raw.getByteBuffer().remaining() >= UPDATE_FROM_BYTES;
            Document before = !large ? null : read != null ? read.written()
                    : raw.decode(collection.getCodecRegistry().get(Document.class));
            // written on condition of the version it was read at, from the cache or the store, whatever its size
            String version = !cached ? null : read != null ? read.version()
                    : large ? (before.get(ViewDocumentCache.VERSION) instanceof String decoded ? decoded : null)
                    : raw != null && raw.get(ViewDocumentCache.VERSION) instanceof BsonString small ? small.getValue()
                    : null;
            if (version != null) {
                wanted.put(ViewDocumentCache.VERSION, version); // the same as before, until something changed
            }
            Optional<Document> changes = before == null ? Optional.empty() : DocumentChanges.between(before, wanted);
            boolean unchanged = changes.map(Document::isEmpty).orElse(false);
            // In a collection read through a cache every write sets a version of its own, a small document's too:
            // a version carried over by a whole write (of a document read with its _v) would let another process's
            // stale copy still match. A document left as it was keeps its version.
            String newVersion = !cached ? null : unchanged ? version : new ObjectId().toHexString();
            if (newVersion != null) {
                wanted.put(ViewDocumentCache.VERSION, newVersion);
            } else if (!unchanged) {
                wanted.remove(ViewDocumentCache.VERSION);
            }
            // {_id, _v} as one document, not Filters.and (rendered as $and): an exact match the embedded server's
            // update by _id takes as such
            Bson filter = version == null ? Filters.eq("_id", id)
                    : new Document("_id", id).append(ViewDocumentCache.VERSION, version);
            RawBsonDocument sent = null;
            if (changes.isEmpty()) {
                sent = DocumentBytes.of(wanted, codecs);
                planned.add(new Write(new ReplaceOneModel<>(filter, sent, new ReplaceOptions().upsert(version == null)),
                        id, version));
                if (version == null) {
                    replaces++;
                } else {
                    mustMatch++;
                }
            } else if (!unchanged) {
                if (newVersion != null) {
                    Document sets = changes.get().get("$set", Document.class);
                    if (sets == null) {
                        sets = new Document();
                        changes.get().put("$set", sets);
                    }
                    sets.put(ViewDocumentCache.VERSION, newVersion);
                }
                sent = DocumentBytes.of(changes.get(), codecs);
                planned.add(new Write(new UpdateOneModel<>(filter, sent), id, version));
                mustMatch++;
            }
            // Kept: what a later batch may read through the cache, a document of the batch's keys (not a timeline's
            // closed page, which nothing reads through it)
            if (cached && newVersion != null && (read != null || batchKeys.contains(id))) {
                int bytes;
                int measured;
                if (changes.isEmpty()) {
                    bytes = sizeOf(sent); // written whole: its size is known
                    measured = bytes;
                } else {
                    // Its size as last measured, grown by what was sent since (a value set again counts whole:
                    // over, the more so the more often the document is written), measured again once that is
                    // twice as much
                    int readBytes = read != null ? read.bytes() : raw.getByteBuffer().remaining();
                    measured = read != null ? read.measured() : readBytes;
                    bytes = readBytes + (unchanged ? 0 : sizeOf(sent));
                    if (bytes > 2L * measured) {
                        bytes = sizeOf(DocumentBytes.of(wanted, codecs));
                        measured = bytes;
                    }
                }
                // A document is what was written itself: the next batch changes a copy of it, compared with it
                Object view = value instanceof Document ? copyOf(wanted) : value;
                toCache.put(id, new ViewDocumentCache.Entry(view, wanted, newVersion, bytes, measured,
                        mapped == null ? null : mapped.parts()));
            }
        }
        if (planned.isEmpty()) {
            return toCache;
        }
        List<Write> inOrder = Write.fewestRoundTrips(planned);
        Map<String, String> checkFirst = Write.versionsToCheckFirst(inOrder);
        if (!checkFirst.isEmpty()) {
            for (Document current : IdLookups.find(collection, "_id", checkFirst.keySet(),
                    new Document(ViewDocumentCache.VERSION, 1))) {
                checkFirst.remove(current.getString("_id"), current.get(ViewDocumentCache.VERSION));
            }
            if (!checkFirst.isEmpty()) {
                throw new IllegalStateException(String.format("%d documents of %s read by view %s were written by "
                        + "another process since this one read them", checkFirst.size(),
                        collection.getNamespace().getCollectionName(), view));
            }
        }
        BulkWriteResult result = collection.withDocumentClass(RawBsonDocument.class)
                .bulkWrite(inOrder.stream().map(Write::model).toList());
        int matched = result.getMatchedCount() - (replaces - result.getUpserts().size());
        if (matched < mustMatch) {
            throw new IllegalStateException(String.format("%d of %d documents of %s written by view %s were gone, or "
                            + "written by another process since this one read them", mustMatch - matched, mustMatch,
                    collection.getNamespace().getCollectionName(), view));
        }
        return toCache;
    }

    /**
     * One document's write in a collection's bulk write: whole ({@link ReplaceOneModel}) or what changed
     * ({@link UpdateOneModel}), on condition that the stored document is still at {@code version}, or on none if
     * that is null.
     */
    record Write(WriteModel<RawBsonDocument> model, String id, String version) {

        boolean whole() {
            return model instanceof ReplaceOneModel;
        }

        /**
         * The writes in the order that costs the fewest round trips, of two: as planned (the order the documents
         * were last replaced in), or every whole one before every update, each kind in its planned order. The driver
         * sends an ordered bulk write as one command for each run of writes of one kind, so a batch that alternates
         * new documents and changed ones (a replay's, a timeline's closed and open pages) took a round trip for each
         * (measured: 12 commands for 6 of each, alternating). Wholes first still writes every new document before
         * any replaced after it: a new document is always written whole, and what lists it (a timeline's open page
         * its closed pages) is replaced after it. Checking versions first ({@link #versionsToCheckFirst}) counts as
         * a round trip per {@link IdLookups#PER_QUERY} versions, so the planned order is kept where it needs none and
         * the other does.
         */
        static List<Write> fewestRoundTrips(List<Write> planned) {
            List<Write> wholesFirst = new ArrayList<>(planned.size());
            planned.stream().filter(Write::whole).forEach(wholesFirst::add);
            planned.stream().filter(write -> !write.whole()).forEach(wholesFirst::add);
            return roundTrips(wholesFirst) < roundTrips(planned) ? wholesFirst : planned;
        }

        /**
         * The versions that conditional writes expect, when a write on no condition comes before them (a timeline's
         * closed page before its open page): checked first, so that a batch working from a stale copy writes
         * nothing.
         */
        static Map<String, String> versionsToCheckFirst(List<Write> inOrder) {
            Map<String, String> checkFirst = new HashMap<>();
            boolean unconditionalBefore = false;
            for (Write write : inOrder) {
                if (write.version() == null) {
                    unconditionalBefore = true;
                } else if (unconditionalBefore) {
                    checkFirst.put(write.id(), write.version());
                }
            }
            return checkFirst;
        }

        private static int roundTrips(List<Write> inOrder) {
            int commands = 0;
            for (int i = 0; i < inOrder.size(); i++) {
                if (i == 0 || inOrder.get(i).whole() != inOrder.get(i - 1).whole()) {
                    commands++;
                }
            }
            int checked = versionsToCheckFirst(inOrder).size();
            return commands + (checked + IdLookups.PER_QUERY - 1) / IdLookups.PER_QUERY;
        }
    }

    /** {@code value} with every document and list in it copied: what the batch may change, apart from the cache's. */
    private static Object copyOf(Object value) {
        if (value instanceof Document document) {
            Document copy = new Document();
            document.forEach((key, inner) -> copy.put(key, copyOf(inner)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(inner -> copy.add(copyOf(inner)));
            return copy;
        }
        return value;
    }

    private static int sizeOf(RawBsonDocument document) {
        return document.getByteBuffer().remaining();
    }

    /** {@code value}, with what it derives brought up to date if it derives anything ({@link DerivedBeforeWrite}). */
    private static Object derived(Object value) {
        if (value instanceof DerivedBeforeWrite view) {
            view.deriveBeforeWrite();
        }
        return value;
    }

    private static Document asDocument(String id, Object documentOrView) {
        return withId(id, documentOrView instanceof Document given ? given : ViewDocuments.toDocument(documentOrView));
    }

    private static Document withId(String id, Document document) {
        document.put("_id", id);
        return document;
    }
}
