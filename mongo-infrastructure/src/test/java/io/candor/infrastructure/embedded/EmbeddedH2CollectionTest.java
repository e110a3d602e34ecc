package io.candor.infrastructure.embedded;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
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
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server keeps no running total of a collection's size ({@link EmbeddedH2Collection}): the total in
 * the collection's meta data is never written again, and what {@code collStats} answers is still the size of what
 * is stored, after inserts, updates and deletes, and after the store is opened again. And it answers a query for a
 * list of values of one field from a set of them, finding what the server's own matching finds.
 */
class EmbeddedH2CollectionTest {

    private static final String COLLECTION = "pipeline_opportunities";

    private static final JsonWriterSettings EXTENDED =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

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
        againstTheServersOwnCollection((tested, expected) -> {
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
        });
    }

    /**
     * An update by {@code _id} leaves what the server's own update leaves ({@link SharingUpdate} applies those it
     * covers, the server the others): the same document, the same counts, the same refusals.
     */
    @Test
    void updates_leaveWhatTheServerItselfLeaves() {
        List<Bson> updates = List.of(
                Updates.set("contacts.1.name", "Ada"),
                Updates.combine(Updates.set("figures.byReason.GHOSTED", 2), Updates.set("contacts.2",
                        new Document("name", "Lin"))),
                Updates.combine(Updates.unset("figures.offers"), Updates.unset("contacts.0"),
                        Updates.unset("missing.path")),
                Updates.set("contacts.1.role", "recruiter"),
                Updates.set("figures", new Document("offers", 1)),
                Updates.set("nothing.0", "x"),
                Updates.set("contacts.4", new Document()),
                Updates.set("figures.offers.count", 1),
                Updates.unset("figures.offers.count"),
                Updates.inc("count", 1),
                Updates.set("contacts.$[].name", "X"),
                Updates.combine(Updates.set("figures", 1), Updates.unset("figures.offers")),
                Updates.set("_id", "other"),
                Updates.combine(Updates.max("count", 3L), Updates.max("figures.offers", 0),
                        Updates.max("figures.interviews", 2.5)),
                Updates.max("count", 1L),
                Updates.max("count", 0.5),
                Updates.max("contacts.0.name", 1),
                Updates.unset("contacts.name"),
                Updates.unset("contacts.7"),
                Updates.unset("contacts.1.name.first"),
                Updates.set("contacts.01.name", "Ada"),
                new Document("$set", new Document("figures", new Document("$where", 1))));
        List<Document> replacements = List.of(
                new Document("contacts", List.of()),
                new Document("_id", "u").append("count", 2),
                new Document("_id", "other"));
        againstTheServersOwnCollection((tested, expected) -> {
            for (MongoCollection<Document> collection : List.of(tested, expected)) {
                collection.createIndex(Indexes.ascending("figures.offers")); // kept empty by the server
            }
            for (Bson update : updates) {
                assertThat(outcome(tested, collection -> collection.updateOne(Filters.eq("_id", "u"), update)))
                        .as("%s", update)
                        .isEqualTo(outcome(expected, collection -> collection.updateOne(Filters.eq("_id", "u"),
                                update)));
            }
            for (Document replacement : replacements) {
                assertThat(outcome(tested, collection -> collection.replaceOne(Filters.eq("_id", "u"), replacement)))
                        .as("%s", replacement)
                        .isEqualTo(outcome(expected, collection -> collection.replaceOne(Filters.eq("_id", "u"),
                                replacement)));
            }
            Bson append = Updates.set("contacts.0", "Sam");
            assertThat(outcome(tested, collection -> collection.updateOne(Filters.eq("_id", "v"), append)))
                    .isEqualTo(outcome(expected, collection -> collection.updateOne(Filters.eq("_id", "v"), append)))
                    .startsWith("0 matched, 0 modified");
            UpdateOptions upsert = new UpdateOptions().upsert(true);
            for (MongoCollection<Document> collection : List.of(tested, expected)) {
                collection.deleteMany(Filters.empty());
                collection.updateOne(Filters.eq("_id", "v"), append, upsert);
                collection.updateOne(Filters.eq("_id", "v"), Updates.set("contacts.1", "Kim"), upsert);
                collection.updateOne(Filters.eq("_id", "w"), Updates.combine(Updates.set("view", "timeline"),
                        Updates.max("sequence", 4L)), upsert);
                collection.replaceOne(Filters.eq("_id", "x"), new Document("count", 1),
                        new ReplaceOptions().upsert(true));
                collection.updateOne(Filters.eq("_id", "y"), Updates.unset("count"), upsert);
                collection.updateOne(Filters.eq("_id", "z"), Updates.inc("count", 1), upsert);
            }
            assertThat(tested.find().into(new ArrayList<>())).isEqualTo(expected.find().into(new ArrayList<>()))
                    .containsExactlyInAnyOrder(
                            new Document("_id", "v").append("contacts", new Document("0", "Sam").append("1", "Kim")),
                            new Document("_id", "w").append("view", "timeline").append("sequence", 4L),
                            new Document("_id", "x").append("count", 1),
                            new Document("_id", "y"),
                            new Document("_id", "z").append("count", 1));
            UpdateResult upserted = tested.updateOne(Filters.eq("_id", "u2"), Updates.set("count", 1), upsert);
            assertThat(upserted.getUpsertedId()).isEqualTo(new BsonString("u2"));
            assertThat(upserted.getMatchedCount()).isZero();
        });
    }

    /**
     * An update or replacement by {@code _id} on condition of other fields (how Candor's views write a version they
     * read) matches, changes and counts what the server's own update does: the document the condition still holds
     * for, nothing where it no longer does.
     */
    @Test
    void conditionalWrites_leaveWhatTheServerItselfLeaves() {
        List<Document> conditions = List.of(new Document("count", 1), new Document("count", 2),
                new Document("count", 1L), new Document("count", "1"), new Document("missing", "v1"),
                new Document("figures", new Document("offers", 1)), new Document("count", new Document("$gt", 0)));
        againstTheServersOwnCollection((tested, expected) -> {
            for (Document condition : conditions) {
                Bson filter = new Document("_id", "u").append(condition.keySet().iterator().next(),
                        condition.values().iterator().next());
                Bson update = Updates.combine(Updates.set("count", 5), Updates.set("_v", "v2"));
                Document replacement = new Document("count", 6).append("_v", "v3");
                assertThat(outcome(tested, collection -> collection.updateOne(filter, update)))
                        .as("update on %s", condition)
                        .isEqualTo(outcome(expected, collection -> collection.updateOne(filter, update)));
                assertThat(outcome(tested, collection -> collection.replaceOne(filter, replacement)))
                        .as("replacement on %s", condition)
                        .isEqualTo(outcome(expected, collection -> collection.replaceOne(filter, replacement)));
                Bson elsewhere = new Document("_id", "v").append(condition.keySet().iterator().next(),
                        condition.values().iterator().next());
                assertThat(outcome(tested, collection -> collection.updateOne(elsewhere, update,
                        new UpdateOptions().upsert(true))))
                        .as("upsert on %s", condition)
                        .isEqualTo(outcome(expected, collection -> collection.updateOne(elsewhere, update,
                                new UpdateOptions().upsert(true))));
            }
            assertThat(outcome(tested, collection -> collection.updateOne(
                    new Document("_id", "u").append("count", 2), Updates.set("count", 5))))
                    .startsWith("0 matched, 0 modified").contains("\"count\": {\"$numberInt\": \"1\"}");
        });
    }

    /**
     * A number set again in another type is a change, stored in its new type, as MongoDB, which compares the values'
     * bytes, counts it (the server's own update counts it unchanged and keeps the stored type).
     */
    @Test
    void aNumberSetInAnotherType_isCountedAsModified() {
        try (EmbeddedMongo embedded = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(embedded.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("candor").getCollection(COLLECTION);
            views.createIndex(Indexes.ascending("count")); // a non-unique index, which the server keeps empty
            views.insertOne(new Document("_id", "u").append("count", 1));

            UpdateResult result = views.updateOne(Filters.eq("_id", "u"), Updates.set("count", 1L));

            assertThat(result.getModifiedCount()).isEqualTo(1);
            assertThat(views.find().first().get("count")).isEqualTo(1L);
            assertThat(views.updateOne(Filters.eq("_id", "u"), Updates.set("count", 1L)).getModifiedCount()).isZero();
            assertThat(views.updateOne(new Document("_id", "u").append("count", 1L), Updates.set("count", 1))
                    .getModifiedCount()).as("the same on condition of another field: taken as an update by _id")
                    .isEqualTo(1);
        }
    }

    /**
     * A replacement keeps its own order of fields, as MongoDB does (the server's own update kept the stored order of
     * the fields that remain and put new ones last).
     */
    @Test
    void aReplacement_keepsItsOwnOrderOfFields() {
        try (EmbeddedMongo embedded = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(embedded.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("candor").getCollection(COLLECTION);
            views.insertOne(new Document("_id", "u").append("c", 0.0));

            views.replaceOne(Filters.eq("_id", "u"), new Document("b", 2).append("c", 2));

            assertThat(views.find().first().keySet()).containsExactly("_id", "b", "c");
        }
    }

    /**
     * In a collection with a unique index on another field, an update by {@code _id} is the server's own, which keeps
     * that index: a value another document holds is refused, and a value left is free again.
     */
    @Test
    void anotherUniqueIndex_isKeptByTheUpdates() {
        try (EmbeddedMongo embedded = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(embedded.connectionString())) {
            MongoCollection<Document> keyed = client.getDatabase("candor").getCollection("keyed");
            keyed.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            keyed.insertOne(new Document("_id", "a").append("key", "k1"));
            keyed.insertOne(new Document("_id", "b").append("key", "k2"));

            assertThatThrownBy(() -> keyed.updateOne(Filters.eq("_id", "b"), Updates.set("key", "k1")))
                    .isInstanceOfSatisfying(MongoWriteException.class, refused ->
                            assertThat(refused.getCode()).isEqualTo(11000));
            keyed.updateOne(Filters.eq("_id", "a"), Updates.set("key", "k3"));
            keyed.updateOne(Filters.eq("_id", "b"), Updates.set("key", "k1"));

            assertThat(keyed.find(Filters.eq("key", "k1")).first()).containsEntry("_id", "b");
            assertThat(keyed.find(Filters.eq("key", "k3")).first()).containsEntry("_id", "a");
            assertThat(keyed.find(Filters.eq("key", "k2")).first()).isNull();
        }
    }

    /** Runs {@code test} on this embedded server's collection and on the server's own (in memory). */
    private void againstTheServersOwnCollection(
            BiConsumer<MongoCollection<Document>, MongoCollection<Document>> test) {
        try (EmbeddedMongo embedded = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             EmbeddedMongo reference = EmbeddedMongo.inMemory();
             MongoClient embeddedClient = MongoClients.create(embedded.connectionString());
             MongoClient referenceClient = MongoClients.create(reference.connectionString())) {
            test.accept(embeddedClient.getDatabase("candor").getCollection(COLLECTION),
                    referenceClient.getDatabase("candor").getCollection(COLLECTION));
        }
    }

    /** What {@code write} does to a fresh copy of the same document: its counts or refusal, and what it leaves. */
    private static String outcome(MongoCollection<Document> collection,
                                  Function<MongoCollection<Document>, UpdateResult> write) {
        collection.deleteMany(Filters.empty());
        collection.insertOne(new Document("_id", "u")
                .append("contacts", List.of(new Document("name", "Sam").append("role", "hiring manager"),
                        new Document("name", "Kim").append("role", "recruiter")))
                .append("figures", new Document("offers", 1))
                .append("count", 1));
        String answer;
        try {
            UpdateResult result = write.apply(collection);
            answer = result.getMatchedCount() + " matched, " + result.getModifiedCount() + " modified";
        } catch (MongoWriteException refused) {
            answer = "refused " + refused.getCode();
        }
        Document left = collection.find(Filters.eq("_id", "u")).first();
        return answer + ": " + (left == null ? null : left.toJson(EXTENDED)); // 1 and 1L told apart
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
