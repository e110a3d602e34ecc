package io.candor.infrastructure;

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
import org.junit.jupiter.api.AfterEach;
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

    private final TokenStoreServer server = new TokenStoreServer();
    private final EmbeddedEventStore events =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();

    @AfterEach
    void stop() {
        events.shutDown();
        server.close();
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
        int before = server.tokenUpdates();

        for (int i = 0; i < 200; i++) {
            events.publish(GenericEventMessage.asEventMessage("event " + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 200);
        int whileBusy = server.tokenUpdates() - before;
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
        return server.mongoStore(owner, Duration.ofSeconds(10));
    }
}
