package io.candor.query.support;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A view kept as one document per candidate and fed by several aggregates (the candidate's and each of their
 * opportunities'). An update reads the document by its {@code _id}, applies the event unless the document has
 * applied it already, and replaces the document whole, state and guard in one write: applying an event twice
 * changes nothing. Reads and writes are exact matches on {@code _id}, which every MongoDB server indexes, and the
 * writes of a batch of events go together (see {@link ViewBatch}). Each document is kept in memory as this
 * process last wrote it ({@link ViewDocumentCache}), and written on condition that it is still that version.
 *
 * @param <V> the view as stored
 */
public final class CandidateDocuments<V extends AppliedPositions> {

    private final String view;
    private final MongoCollection<Document> documents;
    private final Class<V> type;
    private final Function<String, V> newView;
    private final ViewPositions positions;
    /** The documents as this process last wrote them: a candidate's grows with their search. */
    private final ViewDocumentCache cache = ViewDocumentCache.sizedForHeap();

    /**
     * @param view      the view's name, as its processing group and its positions know it
     * @param documents the collection holding one document per candidate
     * @param type      the stored class
     * @param newView   the empty view of a candidate not seen before
     * @param positions where read-your-writes learns what the view has applied
     */
    public CandidateDocuments(String view, MongoCollection<Document> documents, Class<V> type,
                              Function<String, V> newView, ViewPositions positions) {
        this.view = Objects.requireNonNull(view);
        this.documents = Objects.requireNonNull(documents);
        this.type = Objects.requireNonNull(type);
        this.newView = Objects.requireNonNull(newView);
        this.positions = Objects.requireNonNull(positions);
    }

    /** Applies {@code change} to the candidate's document, once for each {@code sequence} of {@code aggregateId}. */
    public void update(String candidateId, String aggregateId, long sequence, Consumer<V> change) {
        ViewBatch batch = ViewBatch.of(view, positions);
        V stored = batch.find(documents, candidateId, type, cache);
        V current = stored == null ? newView.apply(candidateId) : stored;
        if (!current.hasApplied(aggregateId, sequence)) {
            change.accept(current);
            current.markApplied(aggregateId, sequence);
            batch.replace(documents, candidateId, current);
        }
        batch.applied(aggregateId, sequence);
    }

    /** Empties the view and forgets its positions, before a replay rebuilds it. */
    public void clear() {
        cache.clear();
        documents.deleteMany(new Document());
        positions.clear(view);
    }
}
