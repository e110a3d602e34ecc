package io.candor.standalone.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.candor.standalone.CandorStandalone;
import io.candor.standalone.sample.CandorHttp;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.candor.standalone.sample.CandorHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail over HTTP against the standalone app and the embedded server over a real socket: who recorded
 * what and in which request, the exports, and tamper evidence, checked by altering stored events directly in
 * MongoDB.
 */
@SpringBootTest(classes = CandorStandalone.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"candor.embedded.enabled=true", "candor.embedded.in-memory=true"})
class AuditTrailEndToEndTest {

    private static final String CORRELATION = "X-Correlation-Id";

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    MongoDatabase candorDatabase;

    private final HttpClient client = HttpClient.newHttpClient();
    private CandorHttp http;
    private String candidate;
    private String opportunity;

    @BeforeEach
    void aCandidateWithAnOpportunity() throws Exception {
        http = new CandorHttp(URI.create("http://127.0.0.1:" + port), json);
        HttpResponse<String> registered = post("/api/candidates",
                "{\"displayName\":\"Dana Audit\",\"email\":\"dana@example.org\",\"employed\":true}", "import-2026-11:batch.7");
        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(registered.headers().firstValue(CORRELATION)).contains("import-2026-11:batch.7");
        candidate = json.readTree(registered.body()).path("id").asText();
        opportunity = http.command("/api/candidates/" + candidate + "/opportunities", body("company", "=Acme, Inc.",
                "role", "Analyst", "source", "DIRECT", "channel", "EMAIL", "interest", "INTERESTED",
                "receivedAt", "2026-03-01T09:00:00Z")).path("id").asText();
        http.command("/api/opportunities/" + opportunity + "/interviews",
                body("scheduledFor", "2026-03-10T09:00:00Z", "channel", "EMAIL"));
    }

    @Test
    void everyEvent_carriesWhoRecordedItAndTheCorrelationIdOfItsRequest() throws Exception {
        HttpResponse<String> withoutId = post("/api/opportunities/" + opportunity + "/lessons",
                "{\"category\":\"MARKET_INSIGHT\",\"text\":\"Analysts are in demand\"}", null);
        String generated = withoutId.headers().firstValue(CORRELATION).orElseThrow();
        HttpResponse<String> badId = post("/api/opportunities/" + opportunity + "/lessons",
                "{\"category\":\"MARKET_INSIGHT\",\"text\":\"Again\"}", "not a sensible id; drop table");
        String replaced = badId.headers().firstValue(CORRELATION).orElseThrow();
        String waitFor = "?waitFor=" + json.readTree(badId.body()).at("/position/aggregateId").asText() + ":"
                + json.readTree(badId.body()).at("/position/sequence").asText();

        JsonNode entries = http.view("/api/candidates/" + candidate + "/timeline" + waitFor).path("entries");

        assertThat(entry(entries, "CandidateRegistered").path("correlationId").asText()).isEqualTo("import-2026-11:batch.7");
        assertThat(entry(entries, "CandidateRegistered").path("recordedBy").asText()).isEqualTo("anonymous");
        assertThat(entries.findValuesAsText("correlationId")).contains(generated, replaced);
        assertThat(replaced).isNotEqualTo("not a sensible id; drop table").matches("[0-9a-f-]{36}");
        for (JsonNode entry : entries) {
            assertThat(entry.path("recordedAt").asText()).isNotBlank();
            assertThat(entry.path("happenedAt").asText()).isNotBlank();
        }
    }

    @Test
    void theHistoryExports_asJsonLinesAndAsCsv_oneLinePerEvent() {
        int events = http.view("/api/candidates/" + candidate + "/timeline").path("entries").size();

        HttpResponse<String> jsonLines = get("/api/candidates/" + candidate + "/timeline/export?format=jsonl");
        HttpResponse<String> csv = get("/api/candidates/" + candidate + "/timeline/export?format=csv");
        HttpResponse<String> unknown = get("/api/candidates/" + candidate + "/timeline/export?format=xlsx");

        assertThat(jsonLines.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        assertThat(jsonLines.body().split("\n")).hasSize(events);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains(".csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(events + 1);
        assertThat(lines.get(0)).startsWith("recordedAt,happenedAt,recordedBy,recordedByFirm,correlationId,eventId,type");
        assertThat(csv.body()).contains(",\"'=Acme, Inc.\",Analyst,"); // quoted, and no formula for a spreadsheet
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("format");
    }

    @Test
    void theChainsHold_untilAStoredEventIsAlteredInTheDatabase_andTheBrokenLinkIsNamed() throws Exception {
        int recorded = http.view("/api/candidates/" + candidate + "/timeline").path("entries").size();
        JsonNode intact = http.view("/api/candidates/" + candidate + "/integrity");
        assertThat(intact.path("intact").asBoolean()).isTrue();
        assertThat(intact.path("events").asInt()).isEqualTo(recorded).isGreaterThanOrEqualTo(3);
        assertThat(intact.path("sealed").asInt()).isEqualTo(recorded);
        assertThat(intact.path("chains")).hasSize(2);

        MongoCollection<Document> events = candorDatabase.getCollection("events");
        Document invitation = events.find(Filters.eq("stream", opportunity + ":0")).first();
        String honest = invitation.getString("payload");
        events.updateOne(Filters.eq("_id", invitation.get("_id")),
                Updates.set("payload", honest.replace("INTERESTED", "NOT_INTERESTED")));

        JsonNode altered = http.view("/api/candidates/" + candidate + "/integrity");
        assertThat(altered.path("intact").asBoolean()).isFalse();
        assertThat(altered.at("/firstBrokenLink/aggregateId").asText()).isEqualTo(opportunity);
        assertThat(altered.at("/firstBrokenLink/sequence").asInt()).isZero();
        assertThat(altered.at("/firstBrokenLink/problem").asText()).isEqualTo("ALTERED");
        assertThat(altered.at("/firstBrokenLink/eventIdentifier").asText())
                .isEqualTo(invitation.getString("eventIdentifier"));

        events.updateOne(Filters.eq("_id", invitation.get("_id")), Updates.set("payload", honest));
        events.deleteOne(Filters.eq("stream", opportunity + ":1"));

        JsonNode cut = http.view("/api/candidates/" + candidate + "/integrity");
        assertThat(cut.at("/firstBrokenLink/sequence").asInt()).isEqualTo(1);
        assertThat(cut.at("/firstBrokenLink/problem").asText()).isEqualTo("MISSING");
        assertThat(get("/api/candidates/nobody/integrity").statusCode()).isEqualTo(404);
    }

    private static JsonNode entry(JsonNode entries, String type) {
        for (JsonNode entry : entries) {
            if (entry.path("type").asText().equals(type)) {
                return entry;
            }
        }
        throw new AssertionError("No " + type + " in " + entries);
    }

    private HttpResponse<String> post(String path, String body, String correlationId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (correlationId != null) {
            request.header(CORRELATION, correlationId);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
