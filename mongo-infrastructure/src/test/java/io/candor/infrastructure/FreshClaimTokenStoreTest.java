package io.candor.infrastructure;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.candor.infrastructure.embedded.EmbeddedMongo;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link FreshClaimTokenStore} over Axon's real Mongo token store on the embedded server: an extension right after
 * a write of the claim costs no write, and a claim lost meanwhile is still found out when the token is stored.
 */
class FreshClaimTokenStoreTest {

    private static final String PROCESSOR = "pipeline";

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger tokenUpdates = new AtomicInteger();
    private EmbeddedMongo mongo;
    private MongoClient client;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.inMemory();
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

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void anExtensionRightAfterAWriteOfTheClaimWritesNothing_oneLaterWritesIt() {
        FreshClaimTokenStore store = fresh(mongoStore("node-a", Duration.ofSeconds(10)));
        store.initializeTokenSegments(PROCESSOR, 1);
        store.fetchToken(PROCESSOR, 0);
        store.storeToken(new GlobalSequenceTrackingToken(1), PROCESSOR, 0);
        int afterStore = tokenUpdates.get();

        now.addAndGet(Duration.ofMillis(900).toNanos());
        store.extendClaim(PROCESSOR, 0);
        assertThat(tokenUpdates.get()).as("within a second of the write").isEqualTo(afterStore);

        now.addAndGet(Duration.ofMillis(200).toNanos());
        store.extendClaim(PROCESSOR, 0);
        assertThat(tokenUpdates.get()).as("over a second after it").isEqualTo(afterStore + 1);
    }

    @Test
    void aClaimTakenOverMeanwhile_isFoundOutWhenTheTokenIsStored() {
        Duration claimTimeout = Duration.ofMillis(200);
        FreshClaimTokenStore nodeA = fresh(mongoStore("node-a", claimTimeout));
        TokenStore nodeB = mongoStore("node-b", claimTimeout);
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        nodeA.fetchToken(PROCESSOR, 0);
        // node-a stalls past its claim's timeout (its own clock stands still); node-b takes the segment over
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            nodeB.fetchToken(PROCESSOR, 0);
            return true;
        });

        nodeA.extendClaim(PROCESSOR, 0); // skipped: node-a thinks its claim fresh

        assertThatThrownBy(() -> nodeA.storeToken(new GlobalSequenceTrackingToken(5), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void aReleasedClaimIsForgotten() {
        FreshClaimTokenStore store = fresh(mongoStore("node-a", Duration.ofSeconds(10)));
        store.initializeTokenSegments(PROCESSOR, 1);
        store.fetchToken(PROCESSOR, 0);

        store.releaseClaim(PROCESSOR, 0);

        assertThatThrownBy(() -> store.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    private FreshClaimTokenStore fresh(TokenStore delegate) {
        return new FreshClaimTokenStore(delegate, Duration.ofSeconds(1), now::get);
    }

    private TokenStore mongoStore(String owner, Duration claimTimeout) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "candor").build())
                .serializer(CandorSerialization.serializer())
                .nodeId(owner)
                .claimTimeout(claimTimeout)
                .build();
    }
}
