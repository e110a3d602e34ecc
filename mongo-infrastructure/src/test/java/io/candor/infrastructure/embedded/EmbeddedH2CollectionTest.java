package io.candor.infrastructure.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server keeps no running total of a collection's size ({@link EmbeddedH2Collection}): the total in
 * the collection's meta data is never written again, and what {@code collStats} answers is still the size of what
 * is stored, after inserts, updates and deletes, and after the store is opened again. And it answers a query for a
 * list of values of one field from a set of them, finding what the server's own matching finds.
 */
class EmbeddedH2CollectionTest {

    private static final String COLLECTION = "pipeline_opportunities";

    @TempDir
    Path dataDirectory;

    @Test
    void collStats_answersTheSizeOfWhatIsStored_whileNoRunningTotalIsWritten() {
        Document stored = new Document("_id", "a").append("stage", "INVITED").append("notes", "shorter");
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("candor").getCollection(COLLECTION);
            views.insertOne(new Document("_id", "a").append("stage", "INVITED").append("notes", "x".repeat(500)));
            views.insertOne(new Document("_id", "b").append("stage", "INVITED"));
            views.updateOne(Filters.eq("_id", "a"), Updates.set("notes", "shorter"));
            views.deleteOne(Filters.eq("_id", "b"));

            assertThat(sizeAnswered(client.getDatabase("candor"))).isEqualTo(bsonSize(stored));
        }

        try (MVStore views = MVStore.open(dataDirectory.resolve("candor-views.mv").toString())) {
            Object total = views.openMap("meta.candor." + COLLECTION).get("dataSize");
            assertThat(((Number) total).intValue()).isZero(); // as the collection was created, never updated
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(sizeAnswered(client.getDatabase("candor"))).isEqualTo(bsonSize(stored));
        }
    }

    /**
     * A query for a list of values finds what the server itself finds ({@link EmbeddedMongo#inMemory()} runs the
     * server's own collection): numbers by value whatever their type, strings exactly, lists with a null, a
     * document or a regular expression in them as the server matches them, and, in a field other than
     * {@code _id}, a document holding a list there or nothing.
     */
    @Test
    void listQueries_findWhatTheServerItselfFinds() {
        List<Object> ids = List.of("a", "b", "B", "", 1, 2L, 3.0, 4.5, -0.0, Long.MAX_VALUE, Long.MAX_VALUE - 1,
                9_007_199_254_740_993L, new Document("k", 1), new Document("k", 1).append("j", 2),
                new Decimal128(7), new ObjectId("65a0f0f0f0f0f0f0f0f0f0f0"));
        List<List<Object>> queries = List.of(
                List.of("a", "c", "B"),
                List.of(1L, 2, 3, 4.5, 0, "1"),
                List.of(1.0, 2.0, 0.0),
                List.of(7, "a"),
                List.of(7L, new Decimal128(1)),
                List.of(new ObjectId("65a0f0f0f0f0f0f0f0f0f0f0"), "b"),
                List.of(Long.MAX_VALUE - 1, 9_007_199_254_740_992L),
                List.of(9_007_199_254_740_993L, 9.007199254740993E15),
                Arrays.asList("a", null),
                List.of("b", new Document("k", 1)),
                List.of(Pattern.compile("^b"), "a"),
                List.of());
        try (EmbeddedMongo embedded = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             EmbeddedMongo reference = EmbeddedMongo.inMemory();
             MongoClient embeddedClient = MongoClients.create(embedded.connectionString());
             MongoClient referenceClient = MongoClients.create(reference.connectionString())) {
            MongoCollection<Document> tested = embeddedClient.getDatabase("candor").getCollection(COLLECTION);
            MongoCollection<Document> expected = referenceClient.getDatabase("candor").getCollection(COLLECTION);
            for (Object id : ids) {
                tested.insertOne(new Document("_id", id));
                expected.insertOne(new Document("_id", id));
            }
            for (List<Object> listed : queries) {
                assertThat(idsFound(tested, listed)).as("_id $in %s", listed)
                        .isEqualTo(idsFound(expected, listed));
            }
            for (MongoCollection<Document> collection : List.of(tested, expected)) {
                collection.insertOne(new Document("_id", "with-key").append("key", "k1"));
                collection.insertOne(new Document("_id", "with-keys").append("key", List.of("k2", "k3")));
                collection.insertOne(new Document("_id", "with-number").append("key", 2L));
                collection.insertOne(new Document("_id", "without-key"));
            }
            for (List<Object> listed : List.<List<Object>>of(List.of("k1", "k3"), List.of(2, "k2"), List.of("k4"))) {
                assertThat(idsFoundBy(tested, "key", listed)).as("key $in %s", listed)
                        .isEqualTo(idsFoundBy(expected, "key", listed));
            }
            assertThat(idsFoundBy(tested, "key", List.of("k1", "k3", 2))).containsExactlyInAnyOrder("with-key",
                    "with-keys", "with-number");
            assertThat(idsFound(tested, List.of(1L, 2, 3, 4.5, 0, "1"))).containsExactlyInAnyOrder(1, 2L, 3.0, 4.5, -0.0);
            assertThat(idsFound(tested, List.of(9_007_199_254_740_993L))).containsExactly(9_007_199_254_740_993L);
            assertThat(idsFound(tested, List.of(7, "a"))).containsExactlyInAnyOrder("a", new Decimal128(7));
        }
    }

    private static List<Object> idsFound(MongoCollection<Document> collection, List<Object> listed) {
        return idsFoundBy(collection, "_id", listed);
    }

    private static List<Object> idsFoundBy(MongoCollection<Document> collection, String field, List<Object> listed) {
        List<Object> found = new ArrayList<>();
        collection.find(Filters.in(field, listed)).forEach(document -> found.add(document.get("_id")));
        found.sort(Comparator.comparing(String::valueOf));
        return found;
    }

    private static int sizeAnswered(MongoDatabase database) {
        Document stats = database.runCommand(new Document("collStats", COLLECTION));
        assertThat(stats.get("count", Number.class).intValue()).isEqualTo(1);
        return stats.get("size", Number.class).intValue();
    }

    private static int bsonSize(Document document) {
        return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
    }
}
