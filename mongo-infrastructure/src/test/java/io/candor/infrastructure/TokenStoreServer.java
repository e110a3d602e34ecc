package io.candor.infrastructure;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.candor.infrastructure.embedded.EmbeddedMongo;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory embedded server for the token store's tests, reached over a real socket by a client that counts the
 * updates of tracking tokens it sends, and Axon's Mongo token store on it for any process.
 */
final class TokenStoreServer implements AutoCloseable {

    private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
    private final AtomicInteger tokenUpdates = new AtomicInteger();
    private final MongoClient client;

    TokenStoreServer() {
        CommandListener countTokenUpdates = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("update")
                        && event.getCommand().getString("update").getValue().equals("trackingtokens")) {
                    tokenUpdates.incrementAndGet();
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString()))
                .addCommandListener(countTokenUpdates).build());
    }

    /** The updates of tracking tokens sent so far, by any of the stores. */
    int tokenUpdates() {
        return tokenUpdates.get();
    }

    /** Axon's Mongo token store of the process named {@code owner}, whose claims last {@code claimTimeout}. */
    TokenStore mongoStore(String owner, Duration claimTimeout) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "candor").build())
                .serializer(CandorSerialization.serializer())
                .nodeId(owner)
                .claimTimeout(claimTimeout)
                .build();
    }

    @Override
    public void close() {
        client.close();
        mongo.close();
    }
}
