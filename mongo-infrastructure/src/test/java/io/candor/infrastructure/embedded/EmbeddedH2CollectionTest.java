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
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server keeps no running total of a collection's size ({@link EmbeddedH2Collection}): the total in
 * the collection's meta data is never written again, and what {@code collStats} answers is still the size of what
 * is stored, after inserts, updates and deletes, and after the store is opened again.
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

    private static int sizeAnswered(MongoDatabase database) {
        Document stats = database.runCommand(new Document("collStats", COLLECTION));
        assertThat(stats.get("count", Number.class).intValue()).isEqualTo(1);
        return stats.get("size", Number.class).intValue();
    }

    private static int bsonSize(Document document) {
        return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
    }
}
