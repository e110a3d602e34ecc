package io.candor.infrastructure.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store's file grows with what is written, not with what is kept, while the server runs; closing the server
 * shrinks both files to about what they hold ({@link ConsistentH2Backend#SHRINK_ON_CLOSE}), and loses nothing.
 */
class EmbeddedMongoShrinkTest {

    private static final int DOCUMENTS = 400;
    private static final int ROUNDS = 12;

    @TempDir
    Path dataDirectory;

    @Test
    void closing_shrinksBothFiles_toAboutWhatTheyHold_andKeepsEveryDocument() throws IOException {
        Path events = dataDirectory.resolve("candor.mv");
        Path views = dataDirectory.resolve("candor-views.mv");
        assertThat(EmbeddedMongo.viewCollections()).contains("contacts_by_candidate").doesNotContain("candidate_keys");
        long eventsWhileRunning;
        long viewsWhileRunning;
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase candor = client.getDatabase("candor");
            Random random = new Random(7);
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < DOCUMENTS; i++) {
                    rewrite(candor.getCollection("candidate_keys"), i, round, random);
                    rewrite(candor.getCollection("contacts_by_candidate"), i, round, random);
                    if (i % 40 == 0) {
                        mongo.commit(); // as commands and the periodic commit do: each writes what changed since
                    }
                }
            }
            mongo.commit();
            eventsWhileRunning = Files.size(events);
            viewsWhileRunning = Files.size(views);
        }

        assertThat(Files.size(events)).isLessThan(eventsWhileRunning / 2);
        assertThat(Files.size(views)).isLessThan(viewsWhileRunning / 2);
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase candor = client.getDatabase("candor");
            for (String collection : new String[]{"candidate_keys", "contacts_by_candidate"}) {
                assertThat(candor.getCollection(collection).countDocuments()).isEqualTo(DOCUMENTS);
                assertThat(candor.getCollection(collection).countDocuments(Filters.eq("round", ROUNDS - 1)))
                        .isEqualTo(DOCUMENTS);
            }
        }
    }

    /** Replaces document {@code i} with one of a few kilobytes that do not compress. */
    private static void rewrite(MongoCollection<Document> collection, int i, int round, Random random) {
        byte[] filler = new byte[3000];
        random.nextBytes(filler);
        collection.replaceOne(Filters.eq("_id", i), new Document("_id", i).append("round", round)
                .append("filler", filler), new ReplaceOptions().upsert(true));
    }
}
