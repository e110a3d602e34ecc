package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Set;

/**
 * An H2 database of the embedded server that keeps its documents as BSON ({@link BsonDocumentType}), without a
 * running total of their size ({@link EmbeddedH2Collection}), whose unique
 * indexes compare keys without serialising them ({@link SerializedOrderKeyType}), and whose views live in a store of
 * their own ({@link #VIEW_COLLECTIONS}, see {@link ConsistentH2Backend}). The maps keep {@link H2Database}'s names,
 * and a store written by {@link H2Database} is read as it is (its views are then rebuilt in the views' store).
 */
final class EmbeddedH2Database extends H2Database {

    /** H2Database's own prefixes of the map names of a collection's documents and of its meta data. */
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    /**
     * The stores, for the collections and indexes {@link H2Database}'s constructor opens: it calls
     * {@link #openOrCreateCollection} and {@link #openOrCreateUniqueIndex} before this class's fields are set.
     */
    private static final ThreadLocal<MVStore[]> STORES_BEING_OPENED = new ThreadLocal<>();

    /**
     * The collections kept in the views' store: what the query side rebuilds from the events (the views, their
     * positions and layouts), and what must be committed together with them (the processors' tokens, dead letters
     * and their attempts, the claims of segments). Anything else, the events first, is kept in the first store.
     * The names are the defaults; a collection renamed by configuration is simply kept in the first store. The
     * timeline's layout 2 ({@code timeline_entries}, {@code timeline_by_candidate}) stays listed: a store written in
     * it still has them, until the timeline's rebuild drops them.
     */
    static final Set<String> VIEW_COLLECTIONS = Set.of("pipeline_opportunities", "pipeline_by_candidate",
            "candidates", "contacts_by_candidate", "lessons_by_candidate", "timeline_entries",
            "timeline_pages", "timeline_opportunities", "timeline_by_candidate", "analytics_by_candidate",
            "view_positions", "view_layouts", "trackingtokens", "dead_letters", "attempts", "query_nodes");

    private final MVStore store;
    private final MVStore views;

    private EmbeddedH2Database(String name, MVStore store, MVStore views, CursorRegistry cursors) {
        super(name, store, cursors);
        this.store = store;
        this.views = views;
    }

    static EmbeddedH2Database open(String name, MVStore store, MVStore views, CursorRegistry cursors) {
        STORES_BEING_OPENED.set(new MVStore[]{store, views});
        try {
            return new EmbeddedH2Database(name, store, views, cursors);
        } finally {
            STORES_BEING_OPENED.remove();
        }
    }

    /** The store that keeps {@code collection}: the views' for a view, else the first. */
    private MVStore storeOf(String collection) {
        MVStore[] stores = store != null ? new MVStore[]{store, views} : STORES_BEING_OPENED.get();
        return VIEW_COLLECTIONS.contains(collection) ? stores[1] : stores[0];
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collection);
        MVStore home = storeOf(collection);
        MVMap<Object, Document> documents = home.openMap(DATA_PREFIX + fullName,
                new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
        MVMap<String, Object> meta = home.openMap(META_PREFIX + fullName);
        return new EmbeddedH2Collection(this, collection, options, documents, meta, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys,
                                                    boolean sparse) {
        MVMap<KeyValue, Object> entries = storeOf(collection).openMap(indexMapName(collection, index),
                new MVMap.Builder<KeyValue, Object>().keyType(new SerializedOrderKeyType()));
        return new SerializedOrderIndex(entries, index, keys, sparse);
    }

    // H2Database removes the maps of what is dropped from the first store; those of a view are in the other.

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String index) {
        super.dropIndex(collection, index);
        if (VIEW_COLLECTIONS.contains(collection.getCollectionName())) {
            views.removeMap(indexMapName(collection.getCollectionName(), index));
        }
    }

    @Override
    public void dropCollection(String collection, Oplog oplog) {
        super.dropCollection(collection, oplog);
        if (VIEW_COLLECTIONS.contains(collection)) {
            String fullName = getFullCollectionNamespace(collection);
            views.removeMap(DATA_PREFIX + fullName);
            views.removeMap(META_PREFIX + fullName);
        }
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        List<String> names = views.getMapNames().stream().filter(name -> name.startsWith(databaseName + ".")
                || name.startsWith(DATA_PREFIX + databaseName + ".") || name.startsWith(META_PREFIX + databaseName + "."))
                .toList();
        names.forEach(views::removeMap);
    }

    /** Renames within one store: a view's collection cannot become another collection, nor the reverse. */
    @Override
    public void moveCollection(de.bwaldvogel.mongo.MongoDatabase oldDatabase, MongoCollection<?> collection,
                               String newName) {
        if (VIEW_COLLECTIONS.contains(collection.getCollectionName()) || VIEW_COLLECTIONS.contains(newName)) {
            throw new UnsupportedOperationException("The embedded server does not rename a view's collection: "
                    + collection.getCollectionName() + " to " + newName);
        }
        super.moveCollection(oldDatabase, collection, newName);
    }

    private String indexMapName(String collection, String index) {
        return getFullCollectionNamespace(collection) + "._index_" + index; // H2Database's own name
    }
}
