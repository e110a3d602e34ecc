package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * An H2 database of the embedded server whose unique indexes compare keys without serialising them
 * ({@link SerializedOrderKeyType}); the maps keep the names and the stored form of {@link H2Database}'s.
 */
final class SerializedOrderDatabase extends H2Database {

    /**
     * The store, for the indexes {@link H2Database}'s constructor opens: it calls
     * {@link #openOrCreateUniqueIndex} before this class's fields are set.
     */
    private static final ThreadLocal<MVStore> STORE_BEING_OPENED = new ThreadLocal<>();

    private final MVStore store;

    private SerializedOrderDatabase(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
        this.store = store;
    }

    static SerializedOrderDatabase open(String name, MVStore store, CursorRegistry cursors) {
        STORE_BEING_OPENED.set(store);
        try {
            return new SerializedOrderDatabase(name, store, cursors);
        } finally {
            STORE_BEING_OPENED.remove();
        }
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys,
                                                    boolean sparse) {
        MVStore mvStore = store != null ? store : STORE_BEING_OPENED.get();
        String mapName = getFullCollectionNamespace(collection) + "._index_" + index; // H2Database's own name
        MVMap<KeyValue, Object> entries = mvStore.openMap(mapName,
                new MVMap.Builder<KeyValue, Object>().keyType(new SerializedOrderKeyType()));
        return new SerializedOrderIndex(entries, index, keys, sparse);
    }
}
