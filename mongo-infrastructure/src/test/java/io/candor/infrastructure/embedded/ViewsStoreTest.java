package io.candor.infrastructure.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The views live in a store of their own ({@link ConsistentH2Backend}): a command's group commit writes the events'
 * store, the views follow with the next full commit, and both read back as one database after a restart.
 */
class ViewsStoreTest {

    @TempDir
    Path dataDirectory;

    @TempDir
    Path copies;

    @Test
    void aViewIsKeptInTheViewsStore_theEventsInTheFirst_andACommandsCommitWritesTheEvents() throws IOException {
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase candor = client.getDatabase("candor");
            candor.getCollection("events").createIndex(Indexes.ascending("stream"),
                    new com.mongodb.client.model.IndexOptions().unique(true));
            candor.getCollection("events").insertOne(new Document("_id", "event-1").append("stream", "a:0"));
            candor.getCollection("pipeline_opportunities").insertOne(new Document("_id", "opportunity-1"));
            candor.getCollection("trackingtokens").insertOne(new Document("_id", "pipeline/0"));

            mongo.writeDurability().awaitDurable(); // what a command waits for

            Path events = copy(dataDirectory.resolve("candor.mv"));
            assertThat(mapNames(events)).contains("databases.candor.events", "candor.events._index_stream_1")
                    .doesNotContain("databases.candor.pipeline_opportunities", "databases.candor.trackingtokens");
            assertThat(documentsIn(events, "databases.candor.events")).isEqualTo(1);

            mongo.commit(); // the periodic commit: both stores, the first one first
            Path views = copy(dataDirectory.resolve("candor-views.mv"));
            assertThat(mapNames(views)).contains("databases.candor.pipeline_opportunities",
                    "databases.candor.trackingtokens").doesNotContain("databases.candor.events");
            assertThat(documentsIn(views, "databases.candor.pipeline_opportunities")).isEqualTo(1);
        }
    }

    @Test
    void bothStoresReadBackAsOneDatabase_andADroppedViewStaysDropped() {
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase candor = client.getDatabase("candor");
            candor.getCollection("events").insertOne(new Document("_id", "event-1"));
            candor.getCollection("timeline_entries").insertOne(new Document("_id", "entry-1"));
            candor.getCollection("timeline_entries").createIndex(Indexes.ascending("candidateId", "sequence"),
                    new com.mongodb.client.model.IndexOptions().unique(true));
            candor.getCollection("view_positions").insertOne(new Document("_id", "timeline/a"));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase candor = client.getDatabase("candor");
            assertThat(candor.listCollectionNames().into(new java.util.HashSet<>()))
                    .contains("events", "timeline_entries", "view_positions");
            assertThat(candor.getCollection("timeline_entries").find(Filters.eq("_id", "entry-1")).first()).isNotNull();
            assertThat(candor.getCollection("timeline_entries").listIndexes().into(new java.util.ArrayList<>()))
                    .hasSize(2);
            assertThat(candor.getCollection("events").countDocuments()).isEqualTo(1);
            candor.getCollection("view_positions").drop();
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase candor = client.getDatabase("candor");
            assertThat(candor.getCollection("view_positions").countDocuments()).isZero();
            candor.getCollection("view_positions").insertOne(new Document("_id", "timeline/b"));
            assertThat(candor.getCollection("view_positions").countDocuments()).as("nothing of before the drop")
                    .isEqualTo(1);
            assertThat(candor.getCollection("timeline_entries").countDocuments()).isEqualTo(1);
        }
    }

    private Path copy(Path file) throws IOException {
        Path copy = copies.resolve(file.getFileName() + "-" + System.nanoTime());
        Files.copy(file, copy);
        return copy;
    }

    private static Set<String> mapNames(Path file) {
        try (MVStore store = MVStore.open(file.toString())) {
            return Set.copyOf(store.getMapNames());
        }
    }

    private static long documentsIn(Path file, String map) {
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            return store.openMap(map, new org.h2.mvstore.MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
                    .valueType(new BsonDocumentType())).sizeAsLong();
        }
    }
}
