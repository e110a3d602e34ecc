package io.candor.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PRODUCT.md: an acknowledged write must survive {@code kill -9} of the process. Starts the launcher as a child
 * process on a fresh data directory, registers candidates over HTTP from concurrent clients, kills the process
 * with SIGKILL while they are still writing, restarts it on the same directory and finds, in the event store,
 * every candidate whose registration was answered 201.
 */
class LauncherCrashDurabilityIT {

    private static final int CLIENTS = 8;
    private static final int ACKS_BEFORE_KILL = 400;
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Path LOG = Path.of("target", "crash-durability-launcher.log");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    @Test
    void everyRegistrationAnswered201_survivesKillMinus9OfTheLauncher() throws Exception {
        int mongoPort = CandorProcess.freePort();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        long started;
        long stoppedAt;
        JsonNode waits;
        JsonNode commits;
        try (CandorProcess launcher = CandorProcess.start(dataDirectory, CandorProcess.freePort(), mongoPort, LOG)) {
            launcher.awaitHealthy(http, STARTUP);
            HttpResponse<String> probe = register(launcher, -1);
            assertThat(probe.statusCode()).as(probe.body()).isEqualTo(201);
            acknowledged.add(idOf(probe));

            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            started = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        try {
                            HttpResponse<String> response = register(launcher, client * 1_000_000 + i);
                            if (response.statusCode() == 201) {
                                acknowledged.add(idOf(response));
                            } else {
                                refused.incrementAndGet();
                            }
                        } catch (Exception connectionLostToTheKill) {
                            return;
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= ACKS_BEFORE_KILL);
            waits = metric(launcher, "candor.durability.waits");
            commits = metric(launcher, "candor.durability.commit");
            launcher.killHard(); // while the clients are still sending
            stoppedAt = System.nanoTime();
            writing.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(refused).as("registrations answered with something else than 201").hasValue(0);

        Set<String> survived = new HashSet<>();
        try (CandorProcess restarted = CandorProcess.start(dataDirectory, CandorProcess.freePort(), mongoPort, LOG);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            restarted.awaitHealthy(http, STARTUP);
            for (Document event : client.getDatabase("candor").getCollection("events").find()) {
                survived.add(String.valueOf(event.get("aggregateIdentifier")));
            }
            restarted.stop();
        }
        List<String> lost = new ArrayList<>();
        for (String id : acknowledged) {
            if (survived.stream().noneMatch(aggregate -> aggregate.contains(id))) {
                lost.add(id);
            }
        }

        double seconds = (stoppedAt - started) / 1e9;
        long commitCount = commits.path("COUNT").asLong();
        System.out.printf("launcher crash test: %d clients, %d registrations answered 201 in %.1f s (%.0f/s), "
                        + "%d found after kill -9 and restart; before the kill: %d durability waits, %d commits, "
                        + "%.2f ms per commit%n",
                CLIENTS, acknowledged.size(), seconds, acknowledged.size() / seconds,
                acknowledged.size() - lost.size(), waits.path("COUNT").asLong(), commitCount,
                commitCount == 0 ? 0.0 : commits.path("TOTAL_TIME").asDouble() * 1000 / commitCount);
        assertThat(lost).as("registrations answered 201, then lost by kill -9").isEmpty();
    }

    private HttpResponse<String> register(CandorProcess launcher, int n) throws Exception {
        String body = json.writeValueAsString(java.util.Map.of(
                "displayName", "Candidate " + n, "email", "candidate" + n + "@example.com", "employed", false));
        return http.send(HttpRequest.newBuilder(launcher.uri("/api/candidates"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String idOf(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).path("id").asText();
    }

    /** measurements of /actuator/metrics/{name} by statistic, e.g. COUNT and TOTAL_TIME (seconds). */
    private JsonNode metric(CandorProcess launcher, String name) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(launcher.uri("/actuator/metrics/" + name))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        com.fasterxml.jackson.databind.node.ObjectNode byStatistic = json.createObjectNode();
        if (response.statusCode() == 200) {
            for (JsonNode measurement : json.readTree(response.body()).path("measurements")) {
                byStatistic.set(measurement.path("statistic").asText(), measurement.path("value"));
            }
        }
        return byStatistic;
    }
}
