package io.candor.query.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.candor.infrastructure.embedded.EmbeddedMongo;

import java.util.UUID;

/** One in-memory MongoDB-wire server for the projection tests of this JVM, reached over a real socket. */
public final class TestMongo {

    private static final EmbeddedMongo SERVER = EmbeddedMongo.inMemory();
    private static final MongoClient CLIENT = MongoClients.create(SERVER.connectionString());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CLIENT.close();
            SERVER.close();
        }));
    }

    private TestMongo() {
    }

    /** A fresh, empty database. */
    public static MongoDatabase freshDatabase() {
        return CLIENT.getDatabase("test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }
}
