package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * How the embedded server's H2 store writes a document: as BSON, the form it came over the wire in, instead of
 * H2's default for an object it does not know, Java serialisation. A flight recording of a replay found Java
 * serialisation, writing and reading the documents of the events and of the views, in about a third of the
 * server's CPU; BSON is several times cheaper both ways and about half the size on disk.
 * <p>
 * A document is written as a tag byte that no form of H2's {@link ObjectDataType} begins with (its tags end at 119),
 * then the BSON document, which carries its own length. A value not in this form is read by {@link ObjectDataType}:
 * a store written before keeps working, and its documents move to BSON as they are written again. A document BSON
 * cannot hold (none that came over the wire) is written in the old form.
 * <p>
 * What BSON keeps is what the wire keeps: a date to the millisecond (the server stores what a client sent, which
 * was a BSON date already), an array as a list. A store written in this form cannot be read by a Candor from before
 * it.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** The first byte of a document in this form. */
    static final byte BSON_TAG = (byte) 0xB5;

    /** The largest buffer a thread keeps for its next document. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;

    private static final ThreadLocal<ByteBuf> BUFFERS = ThreadLocal.withInitial(() -> Unpooled.buffer(4 * 1024));

    private final ObjectDataType olderForm = new ObjectDataType();

    /**
     * What a document takes in the heap, decoded, for H2's cache ({@link DocumentMemory}). It was a moving average
     * of three times the BSON of the documents written. Decoded, an event of 868 bytes of BSON takes 2,609 bytes
     * and a candidate's contacts of 31 KB take 201 KB (6.4 times): the events, only read after a restart, counted
     * 1,024 bytes each, the views' documents of many small fields half what they take, and a launcher of 1 GB ran
     * out of its heap replaying 100,000 events, its cache of 128 MB a file holding several times that. A document
     * that cannot be walked (none the wire carries) counts as {@link DocumentMemory#OTHER}, rather than fail the
     * read of its page.
     */
    @Override
    public int getMemory(Document document) {
        try {
            return DocumentMemory.of(document);
        } catch (RuntimeException unexpected) {
            return DocumentMemory.OTHER;
        }
    }

    /**
     * No: H2 would count every page of a collection at its documents' average, taken from a sample, which leans to
     * the most common size. A view's candidates differ in size by a hundredfold, and a cache of many small
     * documents and a few large ones would hold a third more than it counts, or twice. Each document is walked
     * instead, when its page is read or written: a fifth to a quarter of what decoding it costs (8 against 36 µs for
     * a document of 20 KB of BSON).
     */
    @Override
    public boolean isMemoryEstimationAllowed() {
        return false;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = BUFFERS.get();
        bson.clear();
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (RuntimeException notBson) {
            olderForm.write(buffer, document);
            return;
        } finally {
            if (bson.capacity() > KEPT_BUFFER_BYTES) {
                BUFFERS.remove();
            }
        }
        buffer.put(BSON_TAG);
        buffer.put(bson.nioBuffer());
    }

    @Override
    public Document read(ByteBuffer buffer) {
        int start = buffer.position();
        if (buffer.get(start) != BSON_TAG) {
            return (Document) olderForm.read(buffer);
        }
        int length = Integer.reverseBytes(buffer.getInt(start + 1)); // BSON lengths are little-endian
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buffer.slice(start + 1, length)));
        buffer.position(start + 1 + length);
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
