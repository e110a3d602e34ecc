package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store's documents, written as BSON, must come back as they were written, across a restart, and a
 * store written before (documents in Java's serialised form) must stay readable, also once it mixes both forms.
 */
class BsonDocumentTypeTest {

    private static final String MAP = "databases.candor.events";

    private final Random random = new Random(20261123L);

    @Test
    void readsBackEveryDocumentItWroteAfterARestart(@TempDir Path directory) {
        String file = directory.resolve("store.mv").toString();
        List<Document> documents = randomDocuments(5_000, 3);
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Document> map = openBson(store);
            for (int i = 0; i < documents.size(); i++) {
                map.put((long) i, documents.get(i));
            }
            store.commit();
        }
        assertReadsBack(file, documents);
    }

    @Test
    void writesBsonAfterItsTag() {
        Document document = randomDocument(7, 1);
        WriteBuffer buffer = new WriteBuffer();
        new BsonDocumentType().write(buffer, document);
        ByteBuffer written = buffer.getBuffer().flip();
        assertThat(written.get(0)).isEqualTo(BsonDocumentType.BSON_TAG);
        assertThat(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(written.position(1).slice()))).isEqualTo(document);
    }

    @Test
    void readsAStoreWrittenInTheOlderFormAndMixesBothForms(@TempDir Path directory) {
        String file = directory.resolve("store.mv").toString();
        List<Document> documents = randomDocuments(3_000, 2);
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Document> olderForm = store.openMap(MAP); // H2Database's own: Java serialisation
            for (int i = 0; i < documents.size(); i++) {
                olderForm.put((long) i, documents.get(i));
            }
            store.commit();
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Document> map = openBson(store);
            for (int i = 0; i < documents.size(); i += 3) { // some pages now hold both forms
                Document changed = new Document(documents.get(i)).append("changed", true);
                documents.set(i, changed);
                map.put((long) i, changed);
            }
            store.commit();
        }
        assertReadsBack(file, documents);
    }

    @Test
    void writesADocumentBsonCannotHoldInTheOlderForm(@TempDir Path directory) {
        String file = directory.resolve("store.mv").toString();
        Document notBson = new Document("_id", "x").append("when", new java.util.Date(1_700_000_000_000L));
        try (MVStore store = MVStore.open(file)) {
            openBson(store).put("x", notBson);
            store.commit();
        }
        try (MVStore store = MVStore.open(file)) {
            assertThat(openBson(store).get("x")).isEqualTo(notBson);
        }
    }

    private static MVMap<Object, Document> openBson(MVStore store) {
        return store.openMap(MAP, new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
    }

    /** A document with a value of every type the wire carries, nested {@code depth} levels. */
    private Document randomDocument(int id, int depth) {
        Document document = new Document("_id", id % 2 == 0 ? (Object) ("id-" + id) : (Object) (long) id);
        document.append("text", randomText())
                .append("int", random.nextInt())
                .append("long", random.nextLong())
                .append("double", random.nextInt(20) == 0 ? -0.0 : random.nextDouble() * 1e6)
                .append("flag", random.nextBoolean())
                .append("nothing", null)
                .append("at", Instant.ofEpochMilli(random.nextLong() % 100_000_000_000_000L))
                .append("objectId", new ObjectId())
                .append("uuid", UUID.randomUUID())
                .append("timestamp", new BsonTimestamp(random.nextLong()))
                .append("decimal", new Decimal128(random.nextLong(), random.nextLong() & 0x3040000000000000L))
                .append("list", new ArrayList<>(List.of(randomText(), random.nextInt(), List.of(1L, "two"))));
        if (depth > 0) {
            document.append("nested", randomDocument(id, depth - 1))
                    .append("nestedList", new ArrayList<>(List.of(randomDocument(id, depth - 1))));
        }
        return document;
    }

    private String randomText() {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(8) == 0 ? (char) (0x80 + random.nextInt(0x2000)) : (char) ('a' + random.nextInt(26)));
        }
        return random.nextInt(50) == 0 ? text + "\ud83d\ude00" : text.toString();
    }

    private List<Document> randomDocuments(int count, int depth) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(randomDocument(i, depth));
        }
        return documents;
    }

    /** Opens the store again and finds document {@code i} under key {@code i}, each as it was written. */
    private static void assertReadsBack(String file, List<Document> documents) {
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Document> map = openBson(store);
            for (int i = 0; i < documents.size(); i++) {
                assertThat(map.get((long) i)).as("document %d", i).isEqualTo(documents.get(i));
            }
        }
    }
}
