package io.candor.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.candor.command.ApiClient.Reply;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.candor.command.ApiClient.at;
import static io.candor.command.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} over HTTP against the running command side and the embedded server: a retry answers
 * the first response and stores nothing, whatever the first outcome was; a key reused for another request, or
 * malformed, is refused; concurrent retries of one request store one event.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("embedded")
class IdempotencyKeyTest {

    private static final String KEY = "Idempotency-Key";

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    EventStore events;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(json, port);
    }

    @Test
    void aRetriedRegistration_answersTheFirstResponse_andStoresNoSecondCandidate() {
        String key = UUID.randomUUID().toString();
        Object registration = body("displayName", "Ana Silva", "email", "ana@example.org", "employed", true);

        Reply first = api.post("/api/candidates", registration, KEY, key);
        Reply retry = api.post("/api/candidates", registration, KEY, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Candor-Position")).isEqualTo(first.header("Candor-Position"));
        assertThat(retry.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        long storedByTheFirst = first.body().at("/position/sequence").asLong() + 1;
        assertThat(eventsOf(first.body().path("id").asText())).isEqualTo(storedByTheFirst);
    }

    @Test
    void aRetriedNote_storesOneEvent_whileTheSameNoteWithoutAKey_storesTwo() {
        String opportunity = api.opportunity();
        Object note = body("text", "Asked about the on-call rota.");
        String key = UUID.randomUUID().toString();

        api.post("/api/opportunities/" + opportunity + "/notes", note, KEY, key);
        api.post("/api/opportunities/" + opportunity + "/notes", note, KEY, key);
        assertThat(eventsOf(opportunity)).isEqualTo(2); // invitation + one note

        api.post("/api/opportunities/" + opportunity + "/notes", note);
        api.post("/api/opportunities/" + opportunity + "/notes", note);
        assertThat(eventsOf(opportunity)).isEqualTo(4);
    }

    @Test
    void aRetriedRefusal_answersTheFirstRefusal_evenOnceTheCommandWouldPass() {
        String opportunity = api.opportunity();
        String key = UUID.randomUUID().toString();
        Object offer = body("salary", 90000, "currency", "EUR");

        Reply refused = api.post("/api/opportunities/" + opportunity + "/offer", offer, KEY, key);
        api.post("/api/opportunities/" + opportunity + "/interviews", body("scheduledFor", at(5),
                "channel", "EMAIL", "agreedAt", at(2)));
        api.post("/api/opportunities/" + opportunity + "/interviews/1/attendance", body("attendedAt", at(5)));
        Reply retry = api.post("/api/opportunities/" + opportunity + "/offer", offer, KEY, key);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("rule").asText()).isEqualTo("OFFER_NEEDS_INTERVIEW");
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.body()).isEqualTo(refused.body());
        assertThat(retry.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventsOf(opportunity)).isEqualTo(3); // invitation, schedule, attendance: no offer
    }

    @Test
    void aKeyReusedForAnotherRequest_isRefusedWith422_andStoresNothing() {
        String opportunity = api.opportunity();
        String key = UUID.randomUUID().toString();
        api.post("/api/opportunities/" + opportunity + "/notes", body("text", "first"), KEY, key);

        Reply reused = api.post("/api/opportunities/" + opportunity + "/notes", body("text", "second"), KEY, key);
        Reply elsewhere = api.post("/api/candidates", body("displayName", "Ana", "employed", true), KEY, key);

        for (Reply reply : List.of(reused, elsewhere)) {
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            assertThat(reply.body().at("/errors/0/field").asText()).isEqualTo(KEY);
        }
        assertThat(eventsOf(opportunity)).isEqualTo(2);
    }

    @Test
    void aMalformedKey_isABadRequest_namingTheHeader() {
        String opportunity = api.opportunity();
        for (String bad : List.of("", "x".repeat(256), "two words")) {
            Reply reply = api.post("/api/opportunities/" + opportunity + "/notes", body("text", "hi"), KEY, bad);
            assertThat(reply.status()).as("key [%s]", bad).isEqualTo(400);
            assertThat(reply.body().at("/errors/0/field").asText()).isEqualTo(KEY);
        }
        assertThat(eventsOf(opportunity)).isEqualTo(1);
    }

    @Test
    void thirtyTwoConcurrentRetries_storeOneEvent_andEachAnswersTheFirstResultOrInProgress() throws Exception {
        String opportunity = api.opportunity();
        String key = UUID.randomUUID().toString();
        Object note = body("text", "Sent the portfolio link.");
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Reply>> tries = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                tries.add(() -> api.post("/api/opportunities/" + opportunity + "/notes", note, KEY, key));
            }
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> reply : clients.invokeAll(tries)) {
                replies.add(reply.get());
            }
            List<Reply> done = replies.stream().filter(reply -> reply.status() == 201).toList();
            assertThat(done).isNotEmpty();
            assertThat(done).allSatisfy(reply -> assertThat(reply.body()).isEqualTo(done.get(0).body()));
            assertThat(replies).allSatisfy(reply -> {
                assertThat(reply.status()).isIn(201, 409);
                if (reply.status() == 409) {
                    assertThat(reply.header("Retry-After")).isEqualTo("1");
                }
            });
        } finally {
            clients.shutdownNow();
        }
        assertThat(eventsOf(opportunity)).isEqualTo(2);
    }

    private long eventsOf(String aggregateId) {
        return events.readEvents(aggregateId).asStream().count();
    }
}
