package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;

/**
 * A collection of the embedded server that does not keep a running total of its documents' size. The server
 * otherwise encodes a document to BSON just to measure it on every write (the old and the new one of each update)
 * and rewrites the total in the collection's meta data, a page of its own in the next commit; nothing in Candor asks
 * for the total. {@code collStats} and {@code validate} still answer it, summed over the documents when asked.
 * <p>
 * {@link H2Collection}'s constructor asks for the size of a collection it reopens (for a debug line, logged or not):
 * answered 0 there, so that opening a store does not read all of it.
 */
final class EmbeddedH2Collection extends H2Collection {

    /** False while {@link H2Collection}'s constructor runs. */
    private final boolean open;

    EmbeddedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                         MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursors) {
        super(database, collectionName, options, dataMap, metaMap, cursors);
        this.open = true;
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
