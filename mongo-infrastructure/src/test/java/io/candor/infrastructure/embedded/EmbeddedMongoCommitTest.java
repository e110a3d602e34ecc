package io.candor.infrastructure.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command's commit of the embedded store, in the process that runs it: on the store's own thread, so that an
 * interrupted caller does not close the store's file (H2 fails every write after a {@code ClosedByInterruptException}).
 */
class EmbeddedMongoCommitTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aCommandsCommit_fromAnInterruptedThread_commitsAndLeavesTheStoreWritable() {
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("candor").getCollection("events");
            events.insertOne(new Document("_id", 1));
            long commits = mongo.writeDurability().commits();

            Thread.currentThread().interrupt(); // a request's thread, interrupted as its command ends
            try {
                mongo.writeDurability().awaitDurable();
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
            }

            assertThat(mongo.writeDurability().commits()).isGreaterThan(commits);
            events.insertOne(new Document("_id", 2));
            mongo.writeDurability().awaitDurable();
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(client.getDatabase("candor").getCollection("events").countDocuments()).isEqualTo(2);
        }
    }
}
