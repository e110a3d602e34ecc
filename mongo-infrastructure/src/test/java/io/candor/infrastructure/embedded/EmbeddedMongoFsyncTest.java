package io.candor.infrastructure.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** MongoDB's {@code fsync} command on the embedded server: answered once a commit of the store has run. */
class EmbeddedMongoFsyncTest {

    @TempDir
    Path dataDirectory;

    @Test
    void fsync_commitsTheStore_sharedWithTheWritersGroupCommit() {
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("candor").getCollection("things").insertOne(new Document("_id", "a"));
            long commitsBefore = mongo.writeDurability().commits();

            Document answer = client.getDatabase("admin").runCommand(new Document("fsync", 1));

            assertThat(answer.get("ok", Number.class).doubleValue()).isEqualTo(1.0);
            assertThat(mongo.writeDurability().commits()).isGreaterThan(commitsBefore);
        }
    }
}
