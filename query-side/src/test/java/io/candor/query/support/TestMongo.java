package io.candor.query.support;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
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
        return CLIENT.getDatabase(freshName());
    }

    /**
     * A fresh, empty database through a client of its own, which tells {@code listener} every command it sends:
     * closed with the JVM.
     */
    public static MongoDatabase freshDatabaseWatchedBy(CommandListener listener) {
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(SERVER.connectionString()))
                .addCommandListener(listener).build());
        Runtime.getRuntime().addShutdownHook(new Thread(client::close));
        return client.getDatabase(freshName());
    }

    private static String freshName() {
        return "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
