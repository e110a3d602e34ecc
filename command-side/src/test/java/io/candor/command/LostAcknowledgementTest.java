package io.candor.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoDatabase;
import io.candor.command.ApiClient.Reply;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.candor.command.ApiClient.at;
import static io.candor.command.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command whose outcome the server could not see: the connection to MongoDB breaks just after the insert of its
 * events (stored, but never acknowledged) or just before it (nothing stored). Both answer 503; a client retrying
 * with the same {@code Idempotency-Key} must end with exactly one recorded command: the kept response of the stored
 * one, or a fresh run of the one that stored nothing. The break is made by a store that throws the driver's own
 * exception around a real append to the embedded server.
 */
@SpringBootTest(classes = {CommandSideApplication.class, LostAcknowledgementTest.BreakingStore.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("embedded")
class LostAcknowledgementTest {

    private static final String KEY = "Idempotency-Key";
    private static final Duration RESOLVED = Duration.ofSeconds(20);

    enum Break { NONE, BEFORE_THE_INSERT, AFTER_THE_INSERT }

    static final AtomicReference<Break> NEXT_APPEND = new AtomicReference<>(Break.NONE);

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    EventStore events;
    @Autowired
    MongoDatabase candorDatabase;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(json, port);
        NEXT_APPEND.set(Break.NONE);
    }

    @Test
    void aRegistrationStoredButNotAcknowledged_isAnsweredByItsRetry_andNotStoredTwice() {
        String key = UUID.randomUUID().toString();
        Object registration = body("displayName", "Ana Silva", "email", "ana@example.org", "employed", true);
        long before = storedEvents();

        NEXT_APPEND.set(Break.AFTER_THE_INSERT);
        Reply failed = api.post("/api/candidates", registration, KEY, key);
        Reply retry = retryUntilResolved("/api/candidates", registration, key);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        String candidate = retry.body().path("id").asText();
        long recorded = events.readEvents(candidate).asStream().count();
        assertThat(storedEvents()).as("events stored by the failed attempt and its retries")
                .isEqualTo(before + recorded);
        assertThat(retry.body().at("/position/aggregateId").asText()).isEqualTo(candidate);
        assertThat(retry.body().at("/position/sequence").asLong()).isEqualTo(recorded - 1);
        assertThat(retry.header("Candor-Position")).isEqualTo(candidate + ":" + (recorded - 1));
        assertThat(retry.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void aScheduledRoundStoredButNotAcknowledged_isAnsweredWithItsRound() {
        String opportunity = api.opportunity();
        String key = UUID.randomUUID().toString();
        Object schedule = body("scheduledFor", at(5), "channel", "EMAIL", "agreedAt", at(2));
        String path = "/api/opportunities/" + opportunity + "/interviews";

        NEXT_APPEND.set(Break.AFTER_THE_INSERT);
        Reply failed = api.post(path, schedule, KEY, key);
        Reply retry = retryUntilResolved(path, schedule, key);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().path("id").asText()).isEqualTo(opportunity);
        assertThat(retry.body().path("round").asInt()).isEqualTo(1);
        assertThat(events.readEvents(opportunity).asStream().count()).isEqualTo(2); // invitation, one schedule
    }

    @Test
    void aCommandThatStoredNothing_isRunByItsRetry() {
        String opportunity = api.opportunity();
        String key = UUID.randomUUID().toString();
        Object note = body("text", "Asked about the on-call rota.");
        String path = "/api/opportunities/" + opportunity + "/notes";

        NEXT_APPEND.set(Break.BEFORE_THE_INSERT);
        Reply failed = api.post(path, note, KEY, key);
        Reply retry = retryUntilResolved(path, note, key);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).as("run afresh, not replayed").isNull();
        assertThat(events.readEvents(opportunity).asStream().count()).isEqualTo(2); // invitation, one note
    }

    @Test
    void aClaimAbandonedAfterItsEventsWereStored_isAnsweredAlreadyRecorded_withThePosition() {
        String opportunity = api.opportunity();
        String key = UUID.randomUUID().toString();
        Object note = body("text", "Asked about the on-call rota.");
        String path = "/api/opportunities/" + opportunity + "/notes";
        Reply first = api.post(path, note, KEY, key);
        abandon(key, null); // as if the process died after storing the note and before keeping its response

        Reply retry = api.post(path, note, KEY, key);

        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.body().path("title").asText()).isEqualTo("Already recorded");
        assertThat(retry.header("Candor-Position")).isEqualTo(first.header("Candor-Position"));
        assertThat(events.readEvents(opportunity).asStream().count()).isEqualTo(2);
    }

    @Test
    void aClaimAbandonedBeforeItStoredAnything_isTakenOverByItsRetry() {
        String opportunity = api.opportunity();
        String key = UUID.randomUUID().toString();
        Object note = body("text", "Asked about the on-call rota.");
        String path = "/api/opportunities/" + opportunity + "/notes";
        api.post(path, note, KEY, key);
        // as if the claim belonged to an attempt that died before storing anything
        abandon(key, UUID.randomUUID().toString());

        Reply retry = api.post(path, note, KEY, key);
        Reply again = api.post(path, note, KEY, key);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(events.readEvents(opportunity).asStream().count()).isEqualTo(3);
    }

    /**
     * Turns the kept outcome of {@code key} back into a claim made two minutes ago and never finished, held by
     * {@code attempt} (or by the attempt that stored the events, if null).
     */
    private void abandon(String key, String attempt) {
        Document changes = new Document("state", "PENDING")
                .append("claimedAt", Date.from(Instant.now().minus(Duration.ofMinutes(2))));
        if (attempt != null) {
            changes.append("attempt", attempt);
        }
        long changed = candorDatabase.getCollection("command_idempotency").updateOne(new Document("_id", key),
                new Document("$set", changes).append("$unset", new Document("status", "").append("headers", "")
                        .append("body", ""))).getModifiedCount();
        assertThat(changed).isEqualTo(1);
    }

    /** What a client does after a 503: sends the request again with the same key while told it is in progress. */
    private Reply retryUntilResolved(String path, Object body, String key) {
        AtomicReference<Reply> last = new AtomicReference<>();
        await().atMost(RESOLVED).pollInterval(Duration.ofMillis(200)).until(() -> {
            Reply reply = api.post(path, body, KEY, key);
            last.set(reply);
            return reply.status() != 409 || reply.header("Retry-After") == null;
        });
        return last.get();
    }

    private long storedEvents() {
        return candorDatabase.getCollection("events").countDocuments(new Document());
    }

    /** Wraps the event storage engine: the next append, if told so, loses its connection before or after it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class BreakingStore {

        @Bean
        static BeanPostProcessor breakingAppends() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof EventStorageEngine engine)) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(EventStorageEngine.class.getClassLoader(),
                            new Class<?>[]{EventStorageEngine.class}, (proxy, method, arguments) -> {
                                Break broken = method.getName().equals("appendEvents")
                                        ? NEXT_APPEND.getAndSet(Break.NONE) : Break.NONE;
                                if (broken == Break.BEFORE_THE_INSERT) {
                                    throw lostConnection();
                                }
                                Object result;
                                try {
                                    result = method.invoke(engine, arguments);
                                } catch (InvocationTargetException failure) {
                                    throw failure.getCause();
                                }
                                if (broken == Break.AFTER_THE_INSERT) {
                                    throw lostConnection();
                                }
                                return result;
                            });
                }
            };
        }

        private static MongoSocketReadException lostConnection() {
            return new MongoSocketReadException("Prematurely reached end of stream (test)",
                    new ServerAddress("127.0.0.1", 27017));
        }
    }
}
