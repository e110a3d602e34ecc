package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;

import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A collection of the embedded server that does not keep a running total of its documents' size. The server
 * otherwise encodes a document to BSON just to measure it on every write (the old and the new one of each update)
 * and rewrites the total in the collection's meta data, a page of its own in the next commit; nothing in Candor asks
 * for the total. {@code collStats} and {@code validate} still answer it, summed over the documents when asked.
 * <p>
 * {@link H2Collection}'s constructor asks for the size of a collection it reopens (for a debug line, logged or not):
 * answered 0 there, so that opening a store does not read all of it.
 * <p>
 * It also answers a query for a list of values of one field from a set of them, and updates a document by its
 * {@code _id} without copying it whole ({@link SharingUpdate}).
 */
final class EmbeddedH2Collection extends H2Collection {

    private static final String ID_FIELD = "_id";

    /** False while {@link H2Collection}'s constructor runs. */
    private final boolean open;

    EmbeddedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                         MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursors) {
        super(database, collectionName, options, dataMap, metaMap, cursors);
        this.open = true;
    }

    /**
     * Updates one document found by its {@code _id} (a string), in a collection with no index holding entries but
     * that of {@code _id}, as {@link SharingUpdate} does: a new version that shares with the stored one what the update
     * leaves alone, written only if it differs; an upsert of a document not there yet inserts what the update makes
     * of its {@code _id} alone. A selector may also name other fields equal to a string, a number or a boolean (how
     * Candor's views write on condition of the version they read): the document found by {@code _id} is updated if
     * it matches them all, and left alone if not. Any other update, one {@link SharingUpdate} leaves to the server,
     * an upsert on condition, or one the server's change log must record, is the server's own.
     */
    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                                                 boolean multi, boolean upsert, Oplog oplog) {
        boolean conditional = selector.size() > 1;
        Index<Object> ids = multi || !arrayFilters.isEmpty() || !(oplog instanceof NoopOplog) || conditional && upsert
                ? null : idIndexAlone(selector);
        if (ids != null) {
            Iterator<Object> found = ids.getPositions(new Document(ID_FIELD, selector.get(ID_FIELD))).iterator();
            if (found.hasNext()) {
                Object position = found.next();
                Document stored = getDocument(position);
                if (conditional && !documentMatchesQuery(stored, selector)) {
                    return new Document("n", 0).append("nModified", 0);
                }
                Optional<Document> updated = SharingUpdate.apply(stored, update);
                if (updated.isPresent()) {
                    boolean modified = updated.get() != stored;
                    if (modified) {
                        handleUpdate(position, stored, updated.get());
                    }
                    return new Document("n", 1).append("nModified", modified ? 1 : 0);
                }
            } else if (upsert) {
                Object id = selector.get(ID_FIELD);
                Optional<Document> created = SharingUpdate.apply(new Document(ID_FIELD, id), update);
                if (created.isPresent()) {
                    addDocument(created.get());
                    return new Document("upserted", id).append("n", 0).append("nModified", 0);
                }
            }
        }
        return super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
    }

    /**
     * The index of {@code _id}, if {@code selector} has an {@code _id} string (and other fields only of plain values)
     * and no other index of this collection holds entries: the server keeps a non-unique index as an
     * {@link EmptyIndex}, which an update leaves alone.
     */
    private Index<Object> idIndexAlone(Document selector) {
        if (!(selector.get(ID_FIELD) instanceof String) || !plainValues(selector)) {
            return null;
        }
        Index<Object> ids = null;
        for (Index<Object> index : getIndexes()) {
            if (index.getKeys().size() == 1 && index.getKeys().get(0).getKey().equals(ID_FIELD) && index.isUnique()) {
                ids = index;
            } else if (!(index instanceof EmptyIndex)) {
                return null;
            }
        }
        Document byId = new Document(ID_FIELD, selector.get(ID_FIELD));
        return ids != null && ids.canHandle(byId) ? ids : null;
    }

    /** True if every field of {@code selector} is a plain name equal to a string, a number or a boolean. */
    private static boolean plainValues(Document selector) {
        for (Map.Entry<String, Object> field : selector.entrySet()) {
            Object value = field.getValue();
            if (field.getKey().startsWith("$") || field.getKey().contains(".")
                    || !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code document} matches {@code query}. A query for a list of strings or numbers in one field
     * ({@code {_id: {$in: [...]}}}, how Candor reads a batch of documents or events by key, or {@code stream $in}, an
     * aggregate's events) is answered from a set of the listed values, built once per query, for a document whose
     * value there is a string or a number. The server otherwise compares each document it found through the index
     * with every listed value in turn, converting both at each comparison: for a list of 250, some 60,000
     * comparisons per query. Any other query, or document (an array there, a missing field, a value of another
     * type), is matched as the server matches it.
     */
    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        ListedValues listed = listed(query);
        Object value = listed.values() == null ? null : ListedValues.comparable(document.get(listed.field()));
        if (value == null) {
            return super.documentMatchesQuery(document, query); // another query, or a value of another type
        }
        return listed.values().contains(value);
    }

    /** The list of the query this thread matched last, or of this one, read once per query (and per thread). */
    private ListedValues listed(Document query) {
        ListedValues last = lastListed.get();
        if (last != null && last.query() == query) {
            return last;
        }
        ListedValues listed = ListedValues.of(query);
        lastListed.set(listed);
        return listed;
    }

    /** What the last query each thread matched in this collection lists. */
    private final ThreadLocal<ListedValues> lastListed = new ThreadLocal<>();

    /**
     * The field and the values listed by a query of the form {@code {field: {$in: [...]}}}, as the server compares
     * them; no values (null) for a query of any other form, or a list of other values.
     */
    private record ListedValues(Document query, String field, Set<Object> values) {

        static ListedValues of(Document query) {
            if (query.size() != 1) {
                return new ListedValues(query, null, null);
            }
            String field = query.keySet().iterator().next();
            if (field.startsWith("$") || field.contains(".") || !(query.get(field) instanceof Document condition)
                    || condition.size() != 1 || !(condition.get("$in") instanceof Collection<?> listed)) {
                return new ListedValues(query, null, null);
            }
            Set<Object> values = new HashSet<>(listed.size() * 2);
            for (Object value : listed) {
                Object comparable = comparable(value);
                if (comparable == null) {
                    return new ListedValues(query, null, null); // null, a document, a pattern: matched as the server does
                }
                values.add(comparable);
            }
            return new ListedValues(query, field, values);
        }

        /**
         * A string as it is; a number as the server compares numbers (by value, whatever its type: the double, or
         * the long itself where a double cannot hold it exactly, and 0 for -0); null for any other value.
         */
        static Object comparable(Object value) {
            if (value instanceof String) {
                return value;
            }
            if (value instanceof Long number && (long) number.doubleValue() != number.longValue()) {
                return number;
            }
            if (value instanceof Long || value instanceof Integer || value instanceof Double) {
                double number = ((Number) value).doubleValue();
                return number == 0.0 ? 0.0 : number;
            }
            return null;
        }
    }

    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected int getDataSize() {
        if (!open) {
            return 0;
        }
        ByteBuf buffer = Unpooled.buffer(4 * 1024);
        long total = streamAllDocumentsWithPosition().mapToLong(stored -> {
            buffer.clear();
            BsonEncoder.encodeDocument(stored.getDocument(), buffer);
            return buffer.readableBytes();
        }).sum();
        return (int) Math.min(Integer.MAX_VALUE, total);
    }
}
