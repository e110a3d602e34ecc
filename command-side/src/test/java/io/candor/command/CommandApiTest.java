package io.candor.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command API over HTTP, against the running app and the embedded MongoDB-wire server over a real socket:
 * the happy path, every class of error with its problem+json shape, the position of each command's last event,
 * and hostile bodies that must never give a 500.
 */
@AutoConfigureObservability // metrics export (Prometheus) is off in tests without it
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("embedded")
@Import(ConcurrentWriterSimulation.class)
class CommandApiTest {

    private static final Instant START = Instant.parse("2026-02-01T09:00:00Z");
    private static final String POLITE = "Thank you for your time; I have to cancel our interview.";

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String contentType, String positionHeader, JsonNode body) {
    }

    // ---- the happy path ----

    @Test
    void anOpportunity_goesFromInvitationToAnAcceptedOffer_andEveryResponseCarriesItsPosition() {
        Response registered = post("/api/candidates", body("displayName", "Ana Silva", "email", "ana@example.org",
                "employed", true, "registeredAt", at(0)));
        assertThat(registered.status()).isEqualTo(201);
        String candidate = registered.body().path("id").asText();
        assertThat(UUID.fromString(candidate).toString()).isEqualTo(candidate);
        assertPosition(registered, candidate, 1);

        Response invited = post("/api/candidates/" + candidate + "/opportunities", invitation("EMAIL"));
        assertThat(invited.status()).isEqualTo(201);
        String opportunity = invited.body().path("id").asText();
        assertPosition(invited, opportunity, 0);

        Response scheduled = post("/api/opportunities/" + opportunity + "/interviews",
                body("scheduledFor", at(5), "channel", "EMAIL", "agreedAt", at(2)));
        assertThat(scheduled.status()).isEqualTo(201);
        assertThat(scheduled.body().path("round").asInt()).isEqualTo(1);
        assertPosition(scheduled, opportunity, 1);

        Response attended = post("/api/opportunities/" + opportunity + "/interviews/1/attendance", body(
                "attendedAt", at(5), "fit", "GOOD", "questions", new String[]{"Why leave?"},
                "interviewers", new Object[]{body("name", "Alex Chen", "email", "alex@example.org",
                        "title", "Head of Data", "role", "HIRING_MANAGER")}));
        assertThat(attended.status()).isEqualTo(200);
        assertPosition(attended, opportunity, 2);

        Response offered = post("/api/opportunities/" + opportunity + "/offer",
                body("salary", 118000, "currency", "EUR", "respondBy", at(30), "receivedAt", at(22)));
        assertThat(offered.status()).isEqualTo(200);
        assertPosition(offered, opportunity, 3);

        Response accepted = postRaw("/api/opportunities/" + opportunity + "/offer/accept", null, null);
        assertThat(accepted.status()).isEqualTo(200);
        assertPosition(accepted, opportunity, 4);

        Response again = post("/api/opportunities/" + opportunity + "/offer/accept", body("acceptedAt", at(25)));
        assertRefused(again, "OFFER_DECIDED_ONCE");
    }

    @Test
    void anAlternativePosition_answersTheNewOpportunity_whichTakesCommandsOfItsOwn() {
        String opportunity = invitedOpportunity(registeredCandidate(), "PHONE");

        Response proposed = post("/api/opportunities/" + opportunity + "/alternative-position",
                body("role", "Analytics Engineering Lead", "proposedAt", at(3)));

        assertThat(proposed.status()).isEqualTo(201);
        String linked = proposed.body().path("id").asText();
        assertThat(linked).isNotEqualTo(opportunity);
        assertPosition(proposed, linked, 0);
        Response scheduled = post("/api/opportunities/" + linked + "/interviews",
                body("scheduledFor", at(9), "channel", "PHONE"));
        assertThat(scheduled.status()).isEqualTo(201);
        assertPosition(scheduled, linked, 1);
    }

    @Test
    void aCancellationForAnotherOffer_isRefused_untilAnOfferElsewhereIsAccepted() {
        String candidate = registeredCandidate();
        String early = invitedOpportunity(candidate, "EMAIL");
        post("/api/opportunities/" + early + "/interviews", body("scheduledFor", at(30), "channel", "EMAIL"));
        Map<String, Object> cancel = body("reason", "ACCEPTED_OTHER_OFFER", "channel", "EMAIL", "message", POLITE,
                "decidedAt", at(24), "notifiedAt", at(25));

        assertRefused(post("/api/opportunities/" + early + "/interviews/1/cancel", cancel), "OTHER_OFFER_MUST_EXIST");

        String other = invitedOpportunity(candidate, "EMAIL");
        post("/api/opportunities/" + other + "/interviews", body("scheduledFor", at(5), "channel", "EMAIL"));
        post("/api/opportunities/" + other + "/interviews/1/attendance", body("attendedAt", at(5)));
        post("/api/opportunities/" + other + "/offer", body("salary", 100000, "currency", "EUR"));
        assertThat(post("/api/opportunities/" + other + "/offer/accept", body()).status()).isEqualTo(200);

        Response cancelled = post("/api/opportunities/" + early + "/interviews/1/cancel", cancel);
        assertThat(cancelled.status()).isEqualTo(200);
        assertPosition(cancelled, early, 2);
    }

    @Test
    void candidateCommands_coverTheSearchTheTeamAndErasure() {
        String candidate = registeredCandidate();
        String base = "/api/candidates/" + candidate;
        Map<String, Object> expert = body("name", "Rae Kim", "email", "rae@example.org");

        assertRefused(post(base + "/search/start", body()), "SEARCH_ALREADY_ACTIVE");
        assertThat(post(base + "/search/end", body("outcome", "PAUSED")).status()).isEqualTo(200);
        assertRefused(post(base + "/search/end", body("outcome", "PAUSED")), "NO_ACTIVE_SEARCH");
        assertThat(postRaw(base + "/search/start", null, null).status()).isEqualTo(200);
        assertThat(post(base + "/employment", body("employed", false)).status()).isEqualTo(200);
        assertThat(post(base + "/team", body("member", expert, "role", "EXPERT", "commitment", "SHORT_TERM"))
                .status()).isEqualTo(201);
        assertRefused(post(base + "/team/release", body("member", expert, "thanks", "Bye.")), "RELEASE_WITH_THANKS");
        Response released = post(base + "/team/release", body("member", expert, "thanks", "Thank you, Rae!"));
        assertThat(released.status()).isEqualTo(200);
        assertPosition(released, candidate, 6);

        assertThat(post(base + "/erasure", body()).status()).isEqualTo(200);
        assertRefused(post(base + "/employment", body("employed", true)), "CANDIDATE_ERASED");
        assertRefused(post(base + "/opportunities", invitation("EMAIL")), "CANDIDATE_ERASED");
    }

    @Test
    void lessonsContactsAndNotes_areCreated_evenAfterTheEnd() {
        String opportunity = invitedOpportunity(registeredCandidate(), "EMAIL");
        assertThat(post("/api/opportunities/" + opportunity + "/decline", body("reason", "SENIORITY_MISMATCH",
                "certainty", "UNSURE", "channel", "EMAIL", "message", "Thank you, but no.",
                "referredCandidate", body("name", "Sam Ortiz", "email", "sam@example.org"))).status()).isEqualTo(200);

        assertThat(post("/api/opportunities/" + opportunity + "/lessons",
                body("category", "MARKET_INSIGHT", "text", "Banks consolidate")).status()).isEqualTo(201);
        assertThat(post("/api/opportunities/" + opportunity + "/contacts", body("contact",
                body("name", "Morgan Lee"), "role", "RECRUITER")).status()).isEqualTo(201);
        Response noted = post("/api/opportunities/" + opportunity + "/notes", body("text", "Keep in touch"));
        assertThat(noted.status()).isEqualTo(201);
        assertPosition(noted, opportunity, 4);
        assertRefused(post("/api/opportunities/" + opportunity + "/interviews",
                body("scheduledFor", at(9), "channel", "EMAIL")), "ENDED_IS_FINAL");
    }

    // ---- 422 ----

    @Test
    void aBrokenRule_isA422ProblemWithTheRuleCode() {
        String opportunity = invitedOpportunity(registeredCandidate(), "EMAIL");
        post("/api/opportunities/" + opportunity + "/interviews", body("scheduledFor", at(30), "channel", "EMAIL"));

        Response refused = post("/api/opportunities/" + opportunity + "/interviews/1/cancel",
                body("reason", "ILLNESS", "channel", "PHONE", "message", POLITE, "notifiedAt", at(2)));

        assertRefused(refused, "SAME_CHANNEL");
        assertThat(refused.body().path("status").asInt()).isEqualTo(422);
        assertThat(refused.body().path("title").asText()).isNotBlank();
        assertThat(refused.body().path("detail").asText()).contains("channel");
        assertThat(refused.body().path("type").asText()).endsWith("SAME_CHANNEL");
        assertThat(refused.body().path("instance").asText())
                .isEqualTo("/api/opportunities/" + opportunity + "/interviews/1/cancel");
        assertThat(refused.positionHeader()).isNull();
    }

    @Test
    void aMissingReason_isTheRuleReasonRequired_notABadRequest() {
        String opportunity = invitedOpportunity(registeredCandidate(), "EMAIL");
        assertRefused(post("/api/opportunities/" + opportunity + "/decline",
                body("channel", "EMAIL", "message", "No, thank you.")), "REASON_REQUIRED");
        assertRefused(post("/api/opportunities/" + opportunity + "/decline",
                body("reason", null, "channel", "EMAIL", "message", "No, thank you.")), "REASON_REQUIRED");
    }

    @Test
    void theSeedsRules_areRefusedOverHttp() {
        String opportunity = invitedOpportunity(registeredCandidate(), "EMAIL");
        post("/api/opportunities/" + opportunity + "/interviews", body("scheduledFor", at(30), "channel", "EMAIL"));
        String cancel = "/api/opportunities/" + opportunity + "/interviews/1/cancel";
        assertRefused(post(cancel, body("reason", "NOT_INTERESTED", "channel", "EMAIL", "message", POLITE,
                "notifiedAt", at(2))), "ACCEPTABLE_CANCEL_REASON");
        assertRefused(post(cancel, body("reason", "COMMUTE", "channel", "EMAIL",
                "message", "Your office is a joke and so is the role.", "notifiedAt", at(2))), "NO_DEROGATORY_REMARKS");
        assertRefused(post(cancel, body("reason", "ILLNESS", "channel", "EMAIL", "message", POLITE,
                "notifiedAt", at(30))), "NO_BAILING_MID_INTERVIEW");
        assertRefused(post("/api/opportunities/" + opportunity + "/decline", body("reason", "FIT", "channel", "EMAIL",
                "message", "No.")), "DECLINE_ONLY_BEFORE_AGREEING");
        assertRefused(post("/api/opportunities/" + opportunity + "/withdrawal", body("reason", "FIT",
                "channel", "EMAIL", "message", "Thank you.")), "WITHDRAW_WITH_THANKS");
        assertRefused(post("/api/opportunities/" + opportunity + "/offer", body("salary", 1, "currency", "EUR")),
                "OFFER_NEEDS_INTERVIEW");
        assertRefused(post("/api/opportunities/" + opportunity + "/interviews/2/attendance", body()),
                "ATTEND_ONLY_SCHEDULED");
    }

    // ---- 400 ----

    @Test
    void aNoticeBeforeTheDecision_isABadRequestOnNotifiedAt() {
        String opportunity = invitedOpportunity(registeredCandidate(), "EMAIL");
        Response response = post("/api/opportunities/" + opportunity + "/decline", body("reason", "FIT",
                "channel", "EMAIL", "message", "No, thank you.", "decidedAt", at(5), "notifiedAt", at(4)));
        assertBadRequest(response, "notifiedAt");
    }

    @Test
    void missingRequiredFields_areABadRequestNamingEachField() {
        Response response = post("/api/candidates", body("displayName", " "));
        assertBadRequest(response, "displayName");
        assertThat(fields(response)).contains("displayName", "email", "employed");
    }

    @Test
    void anUnknownEnumName_isABadRequestListingTheNames() {
        String opportunity = invitedOpportunity(registeredCandidate(), "EMAIL");
        Response response = post("/api/opportunities/" + opportunity + "/decline",
                body("reason", "BORED", "channel", "EMAIL"));
        assertBadRequest(response, "reason");
        assertThat(response.body().at("/errors/0/message").asText()).contains("ACCEPTED_OTHER_OFFER");
    }

    @Test
    void aNumberForAnEnum_isABadRequest() {
        String candidate = registeredCandidate();
        Map<String, Object> invitation = invitation("EMAIL");
        invitation.put("channel", 1);
        assertBadRequest(post("/api/candidates/" + candidate + "/opportunities", invitation), "channel");
    }

    @Test
    void aBadInstant_isABadRequestOnItsField() {
        String opportunity = invitedOpportunity(registeredCandidate(), "EMAIL");
        assertBadRequest(post("/api/opportunities/" + opportunity + "/interviews",
                body("scheduledFor", "next tuesday", "channel", "EMAIL")), "scheduledFor");
    }

    @Test
    void theWrongType_isABadRequestOnItsField_evenDeepInsideTheBody() {
        assertBadRequest(post("/api/candidates", body("displayName", "A", "email", "a@example.org",
                "employed", "perhaps")), "employed");
        String opportunity = invitedOpportunity(registeredCandidate(), "EMAIL");
        post("/api/opportunities/" + opportunity + "/interviews", body("scheduledFor", at(5), "channel", "EMAIL"));
        assertBadRequest(post("/api/opportunities/" + opportunity + "/interviews/1/attendance",
                body("interviewers", new Object[]{body("name", "Alex", "role", "JANITOR")})), "interviewers[0].role");
    }

    @Test
    void anUnknownField_isABadRequest() {
        assertBadRequest(post("/api/candidates", body("displayName", "A", "email", "a@example.org",
                "employed", true, "salary", 1)), "salary");
    }

    @Test
    void malformedJson_isABadRequestOnTheBody() {
        assertBadRequest(postRaw("/api/candidates", "{\"displayName\": \"A\",", "application/json"), "body");
    }

    @Test
    void aBodyOver64KiB_isABadRequest_withOrWithoutADeclaredLength() {
        String huge = "{\"displayName\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertBadRequest(postRaw("/api/candidates", huge, "application/json"), "body");
        assertBadRequest(postChunked("/api/candidates", huge), "body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "\"text\"", "42", "{\"displayName\": {\"a\": 1}}",
            "{\"displayName\": [1,2], \"email\": true, \"employed\": {}}", "{\"employed\": 1e999}",
            "{\"displayName\":\"A\",\"email\":\"a@example.org\",\"employed\":true} trailing",
            "{\"registeredAt\": 12345678901234567890123}", "{\"\u0000\": \"\uFFFF\"}", "{{{{", "\uFEFF{}",
            "{\"displayName\":\"A\",\"email\":\"not an address\",\"employed\":true}"})
    void hostileBodies_areBadRequests_neverServerErrors(String hostile) {
        Response response = postRaw("/api/candidates", hostile, "application/json");
        assertThat(response.status()).as("%s -> %s", hostile, response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("errors").isArray()).isTrue();
    }

    @Test
    void deeplyNestedJson_isABadRequest_neverAServerError() {
        String deep = "{\"companySignals\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        Response response = postRaw("/api/candidates/" + registeredCandidate() + "/opportunities", deep,
                "application/json");
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void aBodyThatIsNotJson_isRefusedAsUnsupported_neverAServerError() {
        Response response = postRaw("/api/candidates", "displayName=A", "application/x-www-form-urlencoded");
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aClientThatAcceptsOnlyText_neverGetsAServerError() {
        String opportunity = invitedOpportunity(registeredCandidate(), "EMAIL");
        for (String path : new String[]{"/api/opportunities/" + opportunity + "/withdrawal",
                "/api/opportunities/not-a-uuid/notes", "/api/candidates"}) {
            Response response = send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .header("Accept", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"EMAIL\"}")).build());
            assertThat(response.status()).as(path).isBetween(400, 499);
        }
    }

    // ---- 404 ----

    @Test
    void anUnknownOrMalformedId_isNotFound() {
        assertNotFound(post("/api/opportunities/" + UUID.randomUUID() + "/notes", body("text", "hello")));
        assertNotFound(post("/api/opportunities/not-a-uuid/notes", body("text", "hello")));
        assertNotFound(post("/api/opportunities/%2e%2e/notes", body("text", "hello")));
        assertNotFound(post("/api/candidates/" + UUID.randomUUID() + "/opportunities", invitation("EMAIL")));
        assertNotFound(post("/api/candidates/" + UUID.randomUUID() + "/employment", body("employed", true)));
        String opportunity = invitedOpportunity(registeredCandidate(), "EMAIL");
        assertNotFound(post("/api/opportunities/" + opportunity + "/interviews/first/attendance", body()));
    }

    @Test
    void theIdOfTheOtherKindOfAggregate_isNotFound_andStoresNothing() {
        String candidate = registeredCandidate();
        String opportunity = invitedOpportunity(candidate, "EMAIL");
        assertNotFound(post("/api/opportunities/" + candidate + "/notes", body("text", "hello")));
        assertNotFound(post("/api/candidates/" + opportunity + "/employment", body("employed", true)));
        assertNotFound(post("/api/candidates/" + opportunity + "/opportunities", invitation("EMAIL")));
        assertPosition(post("/api/candidates/" + candidate + "/employment", body("employed", true)), candidate, 2);
        assertPosition(post("/api/opportunities/" + opportunity + "/notes", body("text", "x")), opportunity, 1);
    }

    // ---- 409 ----

    @Test
    void aConcurrentChange_isAConflict_andTheCommandCanBeRetried() {
        String opportunity = invitedOpportunity(registeredCandidate(), "EMAIL");

        Response conflict = post("/api/opportunities/" + opportunity + "/notes",
                body("text", ConcurrentWriterSimulation.TRIGGER));

        assertThat(conflict.status()).as("%s", conflict.body()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.body().path("status").asInt()).isEqualTo(409);
        Response retried = post("/api/opportunities/" + opportunity + "/notes", body("text", "again"));
        assertPosition(retried, opportunity, 2);
    }

    // ---- operations ----

    @Test
    void thePrometheusScrape_timesEachCommandByItsOutcome() throws Exception {
        String opportunity = invitedOpportunity(registeredCandidate(), "EMAIL");
        post("/api/opportunities/" + opportunity + "/offer", body("salary", 1, "currency", "EUR"));

        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("candor_command_seconds_count{command=\"RecordInvitation\",outcome=\"accepted\"}")
                .contains("candor_command_seconds_count{command=\"RecordOffer\",outcome=\"refused\"}")
                .contains("candor_command_seconds_bucket{command=\"RecordInvitation\",outcome=\"accepted\",le=");
    }

    // ---- OpenAPI ----

    @Test
    void theApi_isDocumentedByOpenApi() throws Exception {
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = json.readTree(docs.body()).path("paths");
        assertThat(paths.has("/api/candidates")).isTrue();
        assertThat(paths.has("/api/opportunities/{id}/interviews/{round}/cancel")).isTrue();
        assertThat(paths.has("/api/opportunities/{id}/alternative-position")).isTrue();
        HttpResponse<String> ui = http.send(HttpRequest.newBuilder(uri("/swagger-ui.html")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isIn(200, 302);
    }

    /** Each request is timed whole; Spring Security's filters, authentication and authorisation are not observed. */
    @Test
    void requestsAreTimedWhole_notFilterByFilter() {
        registeredCandidate();

        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.getMeters()).noneMatch(meter -> meter.getId().getName().startsWith("spring.security"));
    }

    // ---- helpers ----

    private String registeredCandidate() {
        return post("/api/candidates", body("displayName", "Ben Okafor", "email", "ben@example.org",
                "employed", false)).body().path("id").asText();
    }

    private String invitedOpportunity(String candidate, String channel) {
        Response response = post("/api/candidates/" + candidate + "/opportunities", invitation(channel));
        assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
        return response.body().path("id").asText();
    }

    private static Map<String, Object> invitation(String channel) {
        return body("company", "Tailspin", "role", "Analyst", "source", "REFERRAL", "channel", channel,
                "receivedAt", at(0), "interest", "UNSURE", "referrer", body("name", "Priya Shah",
                        "email", "priya@example.org"), "companySignals", new String[]{"MERGER"});
    }

    private static String at(int days) {
        return START.plus(Duration.ofDays(days)).toString();
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private Response post(String path, Object body) {
        try {
            return postRaw(path, json.writeValueAsString(body), "application/json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response postRaw(String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    private Response postChunked(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = json.createObjectNode();
            if (response.headers().firstValue("Content-Type").orElse("").contains("json")) {
                body = json.readTree(response.body());
            }
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Candor-Position").orElse(null), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void assertPosition(Response response, String aggregateId, long sequence) {
        assertThat(response.status()).as("%s", response.body()).isBetween(200, 201);
        assertThat(response.body().at("/position/aggregateId").asText()).isEqualTo(aggregateId);
        assertThat(response.body().at("/position/sequence").asLong()).isEqualTo(sequence);
        assertThat(response.positionHeader()).isEqualTo(aggregateId + ":" + sequence);
    }

    private static void assertRefused(Response response, String rule) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("rule").asText()).isEqualTo(rule);
    }

    private static void assertBadRequest(Response response, String field) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("status").asInt()).isEqualTo(400);
        assertThat(fields(response)).contains(field);
    }

    private static java.util.List<String> fields(Response response) {
        java.util.List<String> fields = new java.util.ArrayList<>();
        response.body().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private static void assertNotFound(Response response) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
