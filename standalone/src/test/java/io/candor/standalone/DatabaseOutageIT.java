package io.candor.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.candor.events.candidate.CandidateEvent.CandidateRegistered;
import io.candor.infrastructure.CandorSerialization;
import io.candor.infrastructure.personaldata.CandidateKeys;
import io.candor.infrastructure.personaldata.PersonalDataSerializer;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MongoDB stops under load and comes back. The launcher runs on the embedded server started as a process of its
 * own; clients register candidates, each request with an Idempotency-Key that a client sends again after a 503.
 * The server is killed with SIGKILL: every request is answered 503 with {@code Retry-After} within a few seconds
 * (never a 500, never a hang), the health endpoint says DOWN. The server restarts on the same data: commands
 * succeed again without restarting the launcher, every registration answered 201 is in the store exactly once,
 * and the views catch up on all of them.
 */
class DatabaseOutageIT {

    private static final int CLIENTS = 4;
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Path LOG = Path.of("target", "database-outage.log");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicLong slowestUnavailableMillis = new AtomicLong();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final List<String> wrongAnswers = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> attemptsByEmail = new ConcurrentHashMap<>();

    @Test
    void commandsFailFastWith503_whileTheDatabaseIsDown_andResumeWithoutLosingAnAcknowledgedWrite() throws Exception {
        int mongoPort = CandorProcess.freePort();
        String mongoUri = "mongodb://127.0.0.1:" + mongoPort + "/candor";
        CandorProcess mongo = CandorProcess.mongoServer(dataDirectory, mongoPort, LOG);
        try (CandorProcess launcher = CandorProcess.onMongo(CandorStandalone.class, mongoUri,
                CandorProcess.freePort(), LOG)) {
            mongo.awaitListening(mongoPort, STARTUP);
            launcher.awaitHealthy(http, STARTUP);

            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> registerUntilStopped(launcher, client, writing));
            }
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 100);

            mongo.killHard();
            int acknowledgedBeforeTheOutage = acknowledged.size();
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> unavailable.get() >= CLIENTS);
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> health(launcher).statusCode() == 503);
            String down = health(launcher).body();
            assertThat(json.readTree(down).at("/components/mongo/status").asText()).as(down).isEqualTo("DOWN");

            mongo = CandorProcess.mongoServer(dataDirectory, mongoPort, LOG);
            mongo.awaitListening(mongoPort, STARTUP);
            int acknowledgedDuringTheOutage = acknowledged.size() - acknowledgedBeforeTheOutage;
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= acknowledgedBeforeTheOutage
                    + acknowledgedDuringTheOutage + 50);
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> health(launcher).statusCode() == 200);
            writing.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            assertThat(wrongAnswers).as("answers other than 201, or 503 with Retry-After").isEmpty();
            assertThat(storedRegistrationsByEmail(mongoUri)).as("registrations stored per e-mail address")
                    .containsAllEntriesOf(onceEach(acknowledgedEmails()))
                    .allSatisfy((email, count) -> assertThat(count).as(email).isEqualTo(1));
            await().ignoreExceptions().atMost(Duration.ofSeconds(120)).until(() -> missingFromTheTimelines(launcher).isEmpty());
            System.out.printf("database outage: %d registrations answered 201, %d answers 503 (slowest %d ms), "
                            + "%d retries told 409 in progress; none lost, none stored twice, all in the views%n",
                    acknowledged.size(), unavailable.get(), slowestUnavailableMillis.get(), inProgress.get());
        } finally {
            mongo.killHard();
        }
    }

    /** One client: a new candidate per request; after a 503, the same request again with the same key. */
    private void registerUntilStopped(CandorProcess launcher, int client, AtomicBoolean writing) {
        for (int n = 0; writing.get(); n++) {
            String email = "client" + client + "-" + n + "@example.com";
            String key = UUID.randomUUID().toString();
            while (writing.get()) {
                attemptsByEmail.merge(email, 1, Integer::sum);
                long started = System.nanoTime();
                HttpResponse<String> response;
                try {
                    response = register(launcher, email, key);
                } catch (Exception e) {
                    wrongAnswers.add(email + ": " + e);
                    return;
                }
                if (response.statusCode() == 201) {
                    acknowledged.add(email + " " + idOf(response));
                    break;
                }
                if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent()
                        && response.headers().firstValue("Content-Type").orElse("").contains("problem+json")) {
                    unavailable.incrementAndGet();
                    slowestUnavailableMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                    continue; // the same request again, with the same key
                }
                if (response.statusCode() == 409 && response.headers().firstValue("Retry-After").isPresent()) {
                    inProgress.incrementAndGet(); // its first attempt failed while the database was down
                    awaitRetryAfter(response);
                    continue;
                }
                if (response.statusCode() == 409 && response.body().contains("Already recorded")) {
                    acknowledged.add(email + " " + response.headers().firstValue("Candor-Position").orElseThrow()
                            .split(":")[0]);
                    break; // recorded by an attempt whose response was lost: stored once, and said so
                }
                if (response.statusCode() == 409 && response.body().contains("Outcome unknown")) {
                    break; // the store may or may not have it: the key says so honestly, nothing stored twice
                }
                wrongAnswers.add(email + ": " + response.statusCode() + " " + response.body());
                return;
            }
        }
    }

    /** What a client does with {@code Retry-After: 1}: waits that long before sending the request again. */
    private static void awaitRetryAfter(HttpResponse<String> response) {
        long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"));
        await().pollDelay(Duration.ofSeconds(seconds)).atMost(Duration.ofSeconds(seconds + 1)).until(() -> true);
    }

    private HttpResponse<String> register(CandorProcess launcher, String email, String key) throws Exception {
        String body = json.writeValueAsString(Map.of("displayName", email, "email", email, "employed", false));
        return http.send(HttpRequest.newBuilder(launcher.uri("/api/candidates"))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> health(CandorProcess launcher) throws Exception {
        return http.send(HttpRequest.newBuilder(launcher.uri("/actuator/health"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String idOf(HttpResponse<String> response) {
        try {
            return json.readTree(response.body()).path("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> acknowledgedEmails() {
        Set<String> emails = new HashSet<>();
        acknowledged.forEach(entry -> emails.add(entry.split(" ")[0]));
        return emails;
    }

    private static Map<String, Integer> onceEach(Set<String> emails) {
        Map<String, Integer> once = new HashMap<>();
        emails.forEach(email -> once.put(email, 1));
        return once;
    }

    /**
     * How many registration events the store holds per e-mail address, read straight from MongoDB and decrypted
     * with the candidates' keys (the address is personal data, stored encrypted).
     */
    private Map<String, Integer> storedRegistrationsByEmail(String mongoUri) {
        Map<String, Integer> byEmail = new HashMap<>();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase database = client.getDatabase("candor");
            Serializer events = new PersonalDataSerializer(CandorSerialization.serializer(), new CandidateKeys(database));
            for (Document event : database.getCollection("events")
                    .find(Filters.eq("payloadType", CandidateRegistered.class.getName()))) {
                CandidateRegistered registered = events.deserialize(new SimpleSerializedObject<>(event.getString("payload"),
                        String.class, event.getString("payloadType"), event.getString("payloadRevision")));
                byEmail.merge(registered.email(), 1, Integer::sum);
            }
        }
        return byEmail;
    }

    private List<String> missingFromTheTimelines(CandorProcess launcher) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String entry : acknowledged) {
            String id = entry.split(" ")[1];
            HttpResponse<String> timeline = http.send(HttpRequest.newBuilder(
                    launcher.uri("/api/candidates/" + id + "/timeline")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (timeline.statusCode() != 200 || !timeline.body().contains("CandidateRegistered")) {
                missing.add(id);
            }
        }
        return missing;
    }
}
