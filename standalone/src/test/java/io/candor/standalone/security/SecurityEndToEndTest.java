package io.candor.standalone.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.candor.standalone.CandorStandalone;
import io.candor.standalone.hostile.Endpoints;
import io.candor.standalone.hostile.Endpoints.Endpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Security on, over HTTP against the standalone app and the embedded server over a real socket. Two firms, each
 * with its users; every endpoint of the contract is called without credentials (401), by roles that may not call it
 * (403), and by another firm's recruiter on this firm's candidate and opportunity (404, the same answer as for an
 * id that does not exist, so nothing tells one from the other).
 */
@SpringBootTest(classes = CandorStandalone.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"candor.embedded.enabled=true", "candor.embedded.in-memory=true",
                "candor.security.enabled=true", "candor.security.admin-password=first-admin-password",
                "candor.security.admin-firm=firm-a"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityEndToEndTest {

    private static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    com.mongodb.client.MongoDatabase candorDatabase;

    private final HttpClient client = HttpClient.newHttpClient();
    private String candidateA;
    private String otherCandidateA;
    private String opportunityA;
    private String candidateB;

    @BeforeAll
    void twoFirms() {
        String admin = basic("admin", "first-admin-password");
        assertThat(call("POST", "/api/users", admin, user("recruiter-a", "RECRUITER", null, null)).statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/users", admin, user("auditor-a", "AUDITOR", null, null)).statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/users", admin, user("admin-b", "ADMIN", null, "firm-b")).statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/users", basic("admin-b", PASSWORD), user("recruiter-b", "RECRUITER", null, null))
                .statusCode()).isEqualTo(201);

        candidateA = id(call("POST", "/api/candidates", recruiterA(),
                "{\"displayName\":\"Ada A\",\"email\":\"ada@example.org\",\"employed\":true}"));
        otherCandidateA = id(call("POST", "/api/candidates", recruiterA(),
                "{\"displayName\":\"Abe A\",\"email\":\"abe@example.org\",\"employed\":false}"));
        opportunityA = id(call("POST", "/api/candidates/" + candidateA + "/opportunities", recruiterA(),
                "{\"company\":\"Acme\",\"role\":\"Analyst\",\"source\":\"DIRECT\",\"channel\":\"EMAIL\",\"interest\":\"INTERESTED\"}"));
        call("POST", "/api/opportunities/" + opportunityA + "/interviews", recruiterA(),
                "{\"scheduledFor\":\"2030-01-10T09:00:00Z\",\"channel\":\"EMAIL\"}");
        candidateB = id(call("POST", "/api/candidates", basic("recruiter-b", PASSWORD),
                "{\"displayName\":\"Bea B\",\"email\":\"bea@example.org\",\"employed\":true}"));
        assertThat(call("POST", "/api/users", admin, user("ada", "CANDIDATE", candidateA, null)).statusCode()).isEqualTo(201);
    }

    @Test
    void everyEndpoint_withoutCredentials_is401_butHealthAndTheApiDescriptionAreOpen() {
        for (Endpoint endpoint : contract()) {
            HttpResponse<String> response = call(endpoint.method(), path(endpoint, candidateA, opportunityA), null, "{}");
            assertThat(response.statusCode()).as(endpoint.toString()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(endpoint.toString()).contains("Basic realm=\"Candor\"");
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        for (String admin : List.of("/api/users", "/api/me", "/admin/dead-letters", "/actuator/metrics")) {
            assertThat(call("GET", admin, null, null).statusCode()).as(admin).isEqualTo(401);
        }
        assertThat(call("GET", "/api/candidates", basic("recruiter-a", "wrong password"), null).statusCode()).isEqualTo(401);
        HttpResponse<String> health = call("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\"").doesNotContain("components").doesNotContain("views");
        assertThat(call("GET", "/actuator/health", basic("admin", "first-admin-password"), null).body()).contains("components");
        assertThat(call("GET", "/v3/api-docs", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRoleThatMayNot_gets403() {
        for (Endpoint command : Endpoints.COMMANDS) {
            String path = path(command, candidateA, opportunityA);
            assertThat(call("POST", path, basic("auditor-a", PASSWORD), "{}").statusCode()).as("auditor " + command).isEqualTo(403);
            assertThat(call("POST", path, basic("admin", "first-admin-password"), "{}").statusCode()).as("admin " + command).isEqualTo(403);
        }
        for (Endpoint view : Endpoints.VIEWS) {
            assertThat(call("GET", path(view, candidateA, opportunityA), basic("admin", "first-admin-password"), null)
                    .statusCode()).as("admin " + view).isEqualTo(403);
        }
        assertThat(call("GET", "/api/firms/firm-a/analytics", basic("ada", PASSWORD), null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/users", recruiterA(), null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/admin/dead-letters", recruiterA(), null).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/users", recruiterA(), user("sneaky", "ADMIN", null, null)).statusCode()).isEqualTo(403);
        HttpResponse<String> elsewhere = call("POST", "/api/candidates", recruiterA(),
                "{\"displayName\":\"X\",\"email\":\"x@example.org\",\"employed\":true,\"firmId\":\"firm-b\"}");
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.body()).contains("firmId");
    }

    @Test
    void anotherFirmsCandidateAndOpportunity_areA404_indistinguishableFromAnIdThatDoesNotExist() {
        String recruiterB = basic("recruiter-b", PASSWORD);
        String unknownCandidate = UUID.randomUUID().toString();
        String unknownOpportunity = UUID.randomUUID().toString();
        for (Endpoint endpoint : contract()) {
            if (!endpoint.template().contains("{c}") && !endpoint.template().contains("{o}")) {
                continue;
            }
            HttpResponse<String> theirs = call(endpoint.method(), path(endpoint, candidateA, opportunityA), recruiterB, "{}");
            HttpResponse<String> nobodys = call(endpoint.method(), path(endpoint, unknownCandidate, unknownOpportunity),
                    recruiterB, "{}");
            assertThat(theirs.statusCode()).as(endpoint.toString()).isEqualTo(404);
            assertThat(withoutIds(theirs.body(), candidateA, opportunityA))
                    .as(endpoint.toString()).isEqualTo(withoutIds(nobodys.body(), unknownCandidate, unknownOpportunity));
        }
        assertThat(call("GET", "/api/firms/firm-a/analytics", recruiterB, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/candidates", recruiterB, null).body()).doesNotContain(candidateA).contains(candidateB);
        assertThat(call("GET", "/api/candidates?limit=10", recruiterB, null).body()).as("a part of the list")
                .doesNotContain(candidateA).contains(candidateB);
        assertThat(call("GET", "/api/candidates/" + candidateA + "/timeline?waitFor=" + candidateA + ":0", recruiterA(), null)
                .body()).contains("Ada A"); // and firm A's own recruiter still reads it, written by nobody else
    }

    @Test
    void aCandidateUser_readsAndRecordsTheirOwnHistory_andNoOneElses() {
        String ada = basic("ada", PASSWORD);
        assertThat(call("GET", "/api/candidates/" + candidateA + "/pipeline?waitFor=" + opportunityA + ":1", ada, null)
                .statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/opportunities/" + opportunityA + "/lessons", ada,
                "{\"category\":\"MARKET_INSIGHT\",\"text\":\"Analysts are wanted\"}").statusCode()).isBetween(200, 201);
        assertThat(call("GET", "/api/candidates/" + otherCandidateA + "/timeline", ada, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/candidates", ada, null).body()).contains(candidateA).doesNotContain(otherCandidateA);
        assertThat(call("GET", "/api/candidates?offset=0&limit=10", ada, null).body()).as("a part of the list")
                .contains(candidateA, "\"total\":1").doesNotContain(otherCandidateA);
        assertThat(call("POST", "/api/candidates", ada, "{\"displayName\":\"X\",\"email\":\"x@example.org\",\"employed\":true}")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void everyEvent_saysWhoRecordedIt_andForWhichFirm() throws Exception {
        JsonNode entries = json.readTree(call("GET", "/api/candidates/" + candidateA + "/timeline?waitFor="
                + opportunityA + ":1&waitFor=" + candidateA + ":0", basic("auditor-a", PASSWORD), null).body()).path("entries");
        assertThat(entries.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode entry : entries) {
            if (!"LessonRecorded".equals(entry.path("type").asText())) {
                assertThat(entry.path("recordedBy").asText()).isEqualTo("recruiter-a");
            }
            assertThat(entry.path("recordedByFirm").asText()).isEqualTo("firm-a");
        }
        HttpResponse<String> export = call("GET", "/api/candidates/" + candidateA + "/timeline/export?format=csv",
                basic("auditor-a", PASSWORD), null);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains(",recruiter-a,firm-a,");
    }

    @Test
    void firmAdministrators_manageTheirOwnFirm_onlyTheOperatorsOpenFirmsAndReachOperations() {
        String adminB = basic("admin-b", PASSWORD);
        assertThat(call("POST", "/api/users", adminB, user("admin-c", "ADMIN", null, "firm-c")).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/admin/dead-letters", adminB, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/actuator/metrics", adminB, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/admin/dead-letters", basic("admin", "first-admin-password"), null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/users", adminB, null).body()).contains("recruiter-b").doesNotContain("recruiter-a");
        HttpResponse<String> tooLong = call("POST", "/api/users", adminB, user("long-b", "RECRUITER", null, null)
                .replace(PASSWORD, "p".repeat(100)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("password");
    }

    @Test
    void waitingForAnotherFirmsEvent_answersLikeWaitingForOneThatDoesNotExist() {
        String recruiterB = basic("recruiter-b", PASSWORD);
        HttpResponse<String> theirs = call("GET", "/api/candidates?waitFor=" + candidateA + ":999", recruiterB, null);
        HttpResponse<String> nobodys = call("GET", "/api/candidates?waitFor=" + UUID.randomUUID() + ":999", recruiterB, null);

        // Waited for, either would be a 503 once the wait timed out: event 999 is never written.
        assertThat(theirs.statusCode()).isEqualTo(200).isEqualTo(nobodys.statusCode());
        assertThat(theirs.body()).isEqualTo(nobodys.body());
    }

    @Test
    void anApiToken_isNeverKept_evenWhenAskedForWithAnIdempotencyKey() throws Exception {
        HttpRequest.Builder asked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tokens"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "same-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"k\"}"));
        String mine = json.readTree(send(asked.copy().header("Authorization", recruiterA()).build()).body()).path("token").asText();
        String theirs = json.readTree(send(asked.copy().header("Authorization", basic("recruiter-b", PASSWORD)).build())
                .body()).path("token").asText();

        assertThat(mine).startsWith("cnd_").isNotEqualTo(theirs);
        assertThat(call("GET", "/api/me", "Bearer " + theirs, null).body()).contains("recruiter-b");
        for (org.bson.Document kept : candorDatabase.getCollection("command_idempotency").find()) {
            assertThat(kept.toJson()).doesNotContain(mine.substring(4, 20));
        }
    }

    @Test
    void anApiToken_actsAsItsUser_untilRevoked() throws Exception {
        JsonNode issued = json.readTree(call("POST", "/api/tokens", recruiterA(), "{\"name\":\"ci\"}").body());
        String bearer = "Bearer " + issued.path("token").asText();

        assertThat(call("GET", "/api/me", bearer, null).body()).contains("\"username\":\"recruiter-a\"");
        assertThat(call("GET", "/api/candidates/" + candidateA, bearer, null).statusCode()).isIn(200, 404 /* view lag */);
        assertThat(call("GET", "/api/candidates", "Bearer cnd_" + issued.path("id").asText() + "_forged", null).statusCode())
                .isEqualTo(401);
        assertThat(call("DELETE", "/api/tokens/" + issued.path("id").asText(), recruiterA(), null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/me", bearer, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aWriteFromAnotherSite_isRefused_evenWithTheBrowsersRememberedPassword() {
        HttpRequest forged = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/candidates/" + otherCandidateA + "/erasure"))
                .header("Authorization", recruiterA()).header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()).build();

        assertThat(send(forged).statusCode()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                call("GET", "/api/candidates/" + otherCandidateA, recruiterA(), null).body()).contains("Abe A"));
    }

    private List<Endpoint> contract() {
        List<Endpoint> all = new ArrayList<>(Endpoints.COMMANDS);
        all.addAll(Endpoints.VIEWS);
        all.addAll(Endpoints.PAGES);
        Endpoints.COMMANDS.forEach(command -> all.add(Endpoints.forwarded(command)));
        return all;
    }

    private static String path(Endpoint endpoint, String candidate, String opportunity) {
        return endpoint.template().replace("{c}", candidate).replace("{o}", opportunity).replace("{r}", "1");
    }

    private static String withoutIds(String body, String candidate, String opportunity) {
        return body.replace(candidate, "{c}").replace(opportunity, "{o}");
    }

    private String recruiterA() {
        return basic("recruiter-a", PASSWORD);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private String user(String username, String role, String candidateId, String firmId) {
        try {
            Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("username", username, "password", PASSWORD,
                    "roles", List.of(role)));
            if (candidateId != null) {
                body.put("candidateId", candidateId);
            }
            if (firmId != null) {
                body.put("firmId", firmId);
            }
            return json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String id(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        try {
            return json.readTree(response.body()).path("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> call(String method, String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
