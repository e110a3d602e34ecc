package io.candor.infrastructure.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.candor.infrastructure.durability.GroupCommit;
import org.bson.Document;

import java.nio.file.Path;

/**
 * The child process of {@link EmbeddedMongoCrashTest}: writers insert documents into an on-disk embedded server,
 * wait for durability, then print {@code ACK <id> <commits> <commitNanos>}; it runs until it is killed.
 * Arguments: the data directory and the number of writer threads.
 */
public final class CrashingWriter {

    private CrashingWriter() {
    }

    public static void main(String[] args) {
        Path dataDirectory = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0);
        GroupCommit durability = mongo.writeDurability();
        MongoClient client = MongoClients.create(mongo.connectionString());
        MongoCollection<Document> acks = client.getDatabase("crash").getCollection("acks");
        System.out.println("READY");
        System.out.flush();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String id = thread + "-" + i;
                    acks.insertOne(new Document("_id", id).append("payload", "x".repeat(200)));
                    durability.awaitDurable();
                    synchronized (System.out) {
                        System.out.println("ACK " + id + " " + durability.commits() + " " + durability.commitNanos());
                        System.out.flush();
                    }
                }
            }, "writer-" + t);
            writer.start();
        }
    }
}
