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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server keeps no running total of a collection's size ({@link EmbeddedH2Collection}); what
 * {@code collStats} answers is still the size of what is stored, after inserts, updates and deletes.
 */
class EmbeddedH2CollectionTest {

    @TempDir
    Path dataDirectory;

    @Test
    void collStats_answersTheSizeOfWhatIsStored_withoutARunningTotal() {
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase candor = client.getDatabase("candor");
            MongoCollection<Document> views = candor.getCollection("pipeline_opportunities");
            Document first = new Document("_id", "a").append("stage", "INVITED").append("notes", "x".repeat(500));
            Document second = new Document("_id", "b").append("stage", "INVITED");
            views.insertOne(first);
            views.insertOne(second);
            views.updateOne(Filters.eq("_id", "a"), Updates.set("notes", "shorter"));
            views.deleteOne(Filters.eq("_id", "b"));

            Document stats = candor.runCommand(new Document("collStats", "pipeline_opportunities"));

            Document stored = new Document("_id", "a").append("stage", "INVITED").append("notes", "shorter");
            assertThat(stats.get("count", Number.class).intValue()).isEqualTo(1);
            assertThat(stats.get("size", Number.class).intValue()).isEqualTo(bsonSize(stored));
        }
    }

    private static int bsonSize(Document document) {
        return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
    }
}
