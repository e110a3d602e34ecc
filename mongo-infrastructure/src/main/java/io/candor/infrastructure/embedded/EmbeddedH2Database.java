package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * An H2 database of the embedded server that keeps its documents as BSON ({@link BsonDocumentType}) and whose
 * unique indexes compare keys without serialising them ({@link SerializedOrderKeyType}). The maps keep
 * {@link H2Database}'s names, and a store written by {@link H2Database} is read as it is.
 */
final class EmbeddedH2Database extends H2Database {

    /**
     * The store, for the collections and indexes {@link H2Database}'s constructor opens: it calls
     * {@link #openOrCreateCollection} and {@link #openOrCreateUniqueIndex} before this class's fields are set.
     */
    private static final ThreadLocal<MVStore> STORE_BEING_OPENED = new ThreadLocal<>();

    private final MVStore store;

    private EmbeddedH2Database(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
        this.store = store;
    }

    static EmbeddedH2Database open(String name, MVStore store, CursorRegistry cursors) {
        STORE_BEING_OPENED.set(store);
        try {
            return new EmbeddedH2Database(name, store, cursors);
        } finally {
            STORE_BEING_OPENED.remove();
        }
    }

    private MVStore store() {
        return store != null ? store : STORE_BEING_OPENED.get();
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collection);
        // H2Database's own map names: "databases." and "meta." before the collection's full name.
        MVMap<Object, Document> documents = store().openMap("databases." + fullName,
                new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
        MVMap<String, Object> meta = store().openMap("meta." + fullName);
        return new H2Collection(this, collection, options, documents, meta, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys,
                                                    boolean sparse) {
        String mapName = getFullCollectionNamespace(collection) + "._index_" + index; // H2Database's own name
        MVMap<KeyValue, Object> entries = store().openMap(mapName,
                new MVMap.Builder<KeyValue, Object>().keyType(new SerializedOrderKeyType()));
        return new SerializedOrderIndex(entries, index, keys, sparse);
    }
}
