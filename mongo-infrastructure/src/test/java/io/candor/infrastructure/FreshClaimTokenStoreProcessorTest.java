package io.candor.infrastructure;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.candor.infrastructure.embedded.EmbeddedMongo;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link FreshClaimTokenStore} under Axon's own tracking processor, with no transaction manager, as the views run:
 * a busy processor's tokens are kept rather than written after each batch, and when it stops, the token of its last
 * committed batch is written, not that of a batch rolled back.
 */
class FreshClaimTokenStoreProcessorTest {

    private static final String PROCESSOR = "pipeline";

    private final AtomicInteger tokenUpdates = new AtomicInteger();
    private EmbeddedMongo mongo;
    private MongoClient client;
    private EmbeddedEventStore events;

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
        events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    }

    @AfterEach
    void stop() {
        events.shutDown();
        client.close();
        mongo.close();
    }

    @Test
    void aBusyProcessorsTokensAreKept_andWhenItStopsTheLastCommittedBatchsIsWritten_notThatOfOneRolledBack() {
        AtomicInteger handled = new AtomicInteger();
        EventMessageHandler handler = event -> {
            if (event.getPayload().equals("poison")) {
                throw new IllegalStateException("this batch rolls back");
            }
            handled.incrementAndGet();
            return null;
        };
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(PROCESSOR)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance()).build())
                .messageSource(events)
                .tokenStore(new FreshClaimTokenStore(mongoStore("node-a"), Duration.ofSeconds(1),
                        Duration.ofSeconds(10)))
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(1).andTokenClaimInterval(100, TimeUnit.MILLISECONDS)
                        .andInitialTrackingToken(source -> source.createTailToken()))
                .build();
        processor.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> processor.processingStatus().size() == 1);
        int before = tokenUpdates.get();

        for (int i = 0; i < 200; i++) {
            events.publish(GenericEventMessage.asEventMessage("event " + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 200);
        int whileBusy = tokenUpdates.get() - before;
        events.publish(GenericEventMessage.asEventMessage("poison"));
        await().atMost(Duration.ofSeconds(10)).until(() -> processor.processingStatus().values().stream()
                .anyMatch(status -> status.isErrorState()));
        processor.shutDown();

        // a batch each, 200 tokens: a write for each without the store's keeping them
        assertThat(whileBusy).as("token writes for 200 batches of one event").isLessThan(20);
        TrackingToken stored = mongoStore("node-b").fetchToken(PROCESSOR, 0);
        assertThat(stored.position()).as("the token of the last batch committed").hasValue(199L);
    }

    private TokenStore mongoStore(String owner) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "candor").build())
                .serializer(CandorSerialization.serializer())
                .nodeId(owner)
                .claimTimeout(Duration.ofSeconds(10))
                .build();
    }
}
