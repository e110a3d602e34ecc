package io.candor.query.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The writes of one view while its processor handles a batch of events, sent as one bulk write per collection
 * when the batch's last event is handled, before the processor stores its token (see {@link ViewBatchFlush}).
 * <p>
 * A document read through the batch is the batch's own copy once it has been written in the batch, so two events
 * of one opportunity in a batch build on each other; a batch of 100 events of one candidate costs one read and
 * one write instead of a hundred of each. Positions for read-your-writes are written after the documents, so a
 * reader who sees a position also sees what it stands for. If the bulk write fails, the exception rolls the batch
 * back and the processor retries it from the token it stored last: every document keeps the guard that makes
 * applying an event twice change nothing.
 * <p>
 * Outside a unit of work (a projection fed directly by a test) every write goes to the database at once.
 */
public final class ViewBatch {

    private static final String RESOURCE_PREFIX = ViewBatch.class.getName() + ".";
    private static final String DISCARDED = ViewBatch.class.getName() + "#discarded";

    private final String view;
    private final ViewPositions positions;
    private final boolean writeThrough;
    /** Per collection and {@code _id}, what the batch will write: a document, or a view still to be mapped. */
    private final Map<MongoCollection<Document>, Map<String, Object>> pending = new LinkedHashMap<>();
    /** Collections written before the others, whatever the order the batch touched them in. */
    private final Set<MongoCollection<Document>> writtenFirst = new LinkedHashSet<>();
    private final Map<String, Long> pendingPositions = new LinkedHashMap<>();

    private ViewBatch(String view, ViewPositions positions, boolean writeThrough) {
        this.view = Objects.requireNonNull(view);
        this.positions = Objects.requireNonNull(positions);
        this.writeThrough = writeThrough;
    }

    /** The batch of {@code view} in the current unit of work, or a write-through one outside any. */
    public static ViewBatch of(String view, ViewPositions positions) {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ViewBatch(view, positions, true);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(RESOURCE_PREFIX + view, key -> {
            ViewBatch batch = new ViewBatch(view, positions, false);
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

    /** The document with this {@code _id}: the batch's copy if it wrote one, else the stored one, else null. */
    public Document find(MongoCollection<Document> collection, String id) {
        Object written = pending.getOrDefault(collection, Map.of()).get(id);
        if (written != null) {
            return written instanceof Document document ? document : ViewDocuments.toDocument(written);
        }
        return collection.find(Filters.eq("_id", id)).first();
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
        Document document = written instanceof Document pendingDocument ? pendingDocument
                : collection.find(Filters.eq("_id", id)).first();
        return document == null ? null : ViewDocuments.fromDocument(document, type);
    }

    /** Replaces (or inserts) the document with this {@code _id}, whole: a document, or a view to be mapped. */
    public void replace(MongoCollection<Document> collection, String id, Object documentOrView) {
        if (writeThrough) {
            collection.replaceOne(Filters.eq("_id", id), asDocument(id, documentOrView), new ReplaceOptions().upsert(true));
        } else {
            pending.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, documentOrView);
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

    /** The last sequence of {@code aggregateId} this view has applied, counting this batch; -1 if none. */
    public long sequence(String aggregateId) {
        Long inBatch = pendingPositions.get(aggregateId);
        return inBatch != null ? inBatch : positions.sequence(view, aggregateId);
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
     * Sends what the batch holds, documents first and positions last, and empties it. A projection calls this
     * itself before a write the batch cannot hold (an update of many documents), so that the write sees the batch.
     */
    public void flush() {
        List<MongoCollection<Document>> order = new ArrayList<>(writtenFirst);
        pending.keySet().stream().filter(collection -> !writtenFirst.contains(collection)).forEach(order::add);
        for (MongoCollection<Document> collection : order) {
            Map<String, Object> documents = pending.getOrDefault(collection, Map.of());
            if (!documents.isEmpty()) {
                List<ReplaceOneModel<Document>> writes = new ArrayList<>(documents.size());
                documents.forEach((id, documentOrView) -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", id),
                        asDocument(id, documentOrView), new ReplaceOptions().upsert(true))));
                collection.bulkWrite(writes);
            }
        }
        pending.clear();
        if (!pendingPositions.isEmpty()) {
            positions.recordAll(view, pendingPositions);
            pendingPositions.clear();
        }
    }

    private static Document asDocument(String id, Object documentOrView) {
        Document document = documentOrView instanceof Document given ? given : ViewDocuments.toDocument(documentOrView);
        document.put("_id", id);
        return document;
    }
}
