package io.candor.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.candor.command.CommandSideApplication;
import io.candor.query.QuerySideApplication;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several processes on one MongoDB (the embedded server run as a process of its own): two command sides and two
 * query sides with the views in four segments. Clients write through both command sides at once; the query sides
 * split the segments two and two; one query side is killed with SIGKILL mid-stream and the other claims its
 * segments and goes on from its stored tokens. At the end every acknowledged write is stored, and the views equal,
 * document for document, those a single query side builds from the same events on its own: nothing was lost,
 * nothing applied twice.
 */
class ScaleOutIT {

    private static final int SEGMENTS = 4;
    private static final int CLIENTS = 4;
    private static final List<String> VIEWS = List.of("pipeline", "contacts", "lessons", "timeline", "analytics");
    private static final Set<String> NOT_VIEWS = Set.of("events", "event_counters", "trackingtokens", "query_nodes",
            "command_idempotency", "candidate_keys", "users", "api_tokens");
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final Path LOG = Path.of("target", "scale-out.log");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> acknowledgedCandidates = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledgedOpportunities = ConcurrentHashMap.newKeySet();
    private final List<String> wrongAnswers = new CopyOnWriteArrayList<>();

    @TempDir
    Path dataDirectory;

    @Test
    void twoCommandSidesAndTwoQuerySides_shareTheWork_andSurviveAKillMinus9OfAQuerySide() throws Exception {
        int mongoPort = CandorProcess.freePort();
        String uri = "mongodb://127.0.0.1:" + mongoPort + "/candor";
        List<CandorProcess> processes = new ArrayList<>();
        try (MongoClient client = MongoClients.create(uri)) {
            CandorProcess mongo = CandorProcess.mongoServer(dataDirectory, mongoPort, LOG);
            processes.add(mongo);
            mongo.awaitListening(mongoPort, STARTUP);
            CandorProcess commandA = side(CommandSideApplication.class, "candor-command.yml", uri, processes);
            CandorProcess commandB = side(CommandSideApplication.class, "candor-command.yml", uri, processes);
            CandorProcess queryA = side(QuerySideApplication.class, "candor-query.yml", uri, processes,
                    "--candor.query.segments=" + SEGMENTS);
            CandorProcess queryB = side(QuerySideApplication.class, "candor-query.yml", uri, processes,
                    "--candor.query.segments=" + SEGMENTS);
            for (CandorProcess side : List.of(commandA, commandB, queryA, queryB)) {
                side.awaitHealthy(http, STARTUP);
            }

            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int n = c;
                clients.submit(() -> writeUntilStopped(n % 2 == 0 ? commandA : commandB,
                        n % 2 == 0 ? commandB : commandA, n, writing));
            }
            await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() -> claimed(queryA).equals(share(SEGMENTS / 2))
                    && claimed(queryB).equals(share(SEGMENTS / 2)));
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> acknowledgedOpportunities.size() >= 40);

            queryB.killHard(); // mid-stream: the clients are still writing
            int acknowledgedAtTheKill = acknowledgedOpportunities.size();
            await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() -> claimed(queryA).equals(share(SEGMENTS)));
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> acknowledgedOpportunities.size()
                    >= acknowledgedAtTheKill + 20);
            writing.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(wrongAnswers).as("writes answered otherwise than 201").isEmpty();

            MongoDatabase candor = client.getDatabase("candor");
            Set<String> stored = ConcurrentHashMap.newKeySet();
            candor.getCollection("events").find().forEach(event -> stored.add(event.getString("aggregateIdentifier")));
            assertThat(stored).as("aggregates in the store").containsAll(acknowledgedCandidates)
                    .containsAll(acknowledgedOpportunities);
            await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() -> caughtUp(queryA));

            MongoDatabase replay = client.getDatabase("replay");
            for (String collection : List.of("events", "event_counters", "candidate_keys")) { // the keys read the names
                List<Document> documents = candor.getCollection(collection).find().into(new ArrayList<>());
                replay.getCollection(collection).insertMany(documents);
            }
            CandorProcess single = side(QuerySideApplication.class, "candor-query.yml",
                    "mongodb://127.0.0.1:" + mongoPort + "/replay", processes, "--candor.mongodb.database=replay");
            single.awaitHealthy(http, STARTUP);
            await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() -> caughtUp(single));

            List<String> views = new ArrayList<>();
            replay.listCollectionNames().forEach(name -> {
                if (!NOT_VIEWS.contains(name)) {
                    views.add(name);
                }
            });
            assertThat(views).as("view collections").isNotEmpty();
            for (String view : views) {
                assertThat(documents(candor, view)).as(view + ": built by two processes, one killed, vs one alone")
                        .isEqualTo(documents(replay, view));
            }
            System.out.printf("scale out: %d candidates and %d opportunities written through 2 command sides; "
                            + "views of %d segments built by 2 query sides (one killed -9 mid-stream) equal to a "
                            + "single replay in %d collections%n", acknowledgedCandidates.size(),
                    acknowledgedOpportunities.size(), SEGMENTS, views.size());
        } finally {
            for (CandorProcess process : processes) {
                process.close();
            }
        }
    }

    private CandorProcess side(Class<?> application, String sideConfig, String uri, List<CandorProcess> processes,
                               String... more) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                // Each side's own settings, not the launcher's application.yml first on this class path.
                "--spring.config.location=classpath:/candor-common.yml,classpath:/" + sideConfig,
                "--spring.application.name=" + application.getSimpleName(),
                "--candor.embedded.enabled=false"));
        arguments.addAll(List.of(more));
        CandorProcess side = CandorProcess.onMongo(application, uri, CandorProcess.freePort(), LOG,
                arguments.toArray(String[]::new));
        processes.add(side);
        return side;
    }

    /** One client: registers a candidate through one command side, records invitations through the other. */
    private void writeUntilStopped(CandorProcess first, CandorProcess second, int client, AtomicBoolean writing) {
        try {
            for (int n = 0; writing.get(); n++) {
                HttpResponse<String> candidate = post(first, "/api/candidates", Map.of("displayName",
                        "Client " + client + " candidate " + n, "email", "c" + client + "-" + n + "@example.com",
                        "employed", false));
                if (candidate.statusCode() != 201) {
                    wrongAnswers.add(candidate.statusCode() + " " + candidate.body());
                    return;
                }
                String candidateId = json.readTree(candidate.body()).path("id").asText();
                acknowledgedCandidates.add(candidateId);
                for (int i = 0; i < 3 && writing.get(); i++) {
                    HttpResponse<String> opportunity = post(i % 2 == 0 ? second : first,
                            "/api/candidates/" + candidateId + "/opportunities", Map.of(
                                    "company", "Company " + i, "role", "Role " + n, "source", "RECRUITER",
                                    "channel", "EMAIL", "receivedAt", Instant.now().toString(),
                                    "interest", "INTERESTED"));
                    if (opportunity.statusCode() != 201) {
                        wrongAnswers.add(opportunity.statusCode() + " " + opportunity.body());
                        return;
                    }
                    acknowledgedOpportunities.add(json.readTree(opportunity.body()).path("id").asText());
                }
            }
        } catch (Exception e) {
            wrongAnswers.add(e.toString());
        }
    }

    private HttpResponse<String> post(CandorProcess side, String path, Map<String, Object> body) throws Exception {
        return http.send(HttpRequest.newBuilder(side.uri(path))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode views(CandorProcess querySide) throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(querySide.uri("/actuator/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(health.body()).at("/components/views/details");
    }

    /** Segments each view's processor holds in {@code querySide}. */
    private Map<String, Integer> claimed(CandorProcess querySide) throws Exception {
        JsonNode views = views(querySide);
        Map<String, Integer> claimed = new TreeMap<>();
        VIEWS.forEach(view -> claimed.put(view, views.path(view).path("segments").asInt(-1)));
        return claimed;
    }

    private static Map<String, Integer> share(int segments) {
        Map<String, Integer> share = new TreeMap<>();
        VIEWS.forEach(view -> share.put(view, segments));
        return share;
    }

    private boolean caughtUp(CandorProcess querySide) throws Exception {
        JsonNode views = views(querySide);
        return VIEWS.stream().allMatch(view -> views.path(view).path("lagEvents").asLong(-1) == 0
                && views.path(view).path("caughtUp").asBoolean());
    }

    /**
     * The documents of a collection by {@code _id}, as JSON, without the version each write sets ({@code _v}): it
     * says which write of which process stored the document, not what the view says.
     */
    private static Map<String, String> documents(MongoDatabase database, String collection) {
        Map<String, String> byId = new TreeMap<>();
        database.getCollection(collection).find().projection(new Document("_v", 0))
                .forEach(document -> byId.put(String.valueOf(document.get("_id")), document.toJson()));
        return byId;
    }
}
