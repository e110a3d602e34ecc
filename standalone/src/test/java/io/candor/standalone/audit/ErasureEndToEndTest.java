package io.candor.standalone.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.candor.standalone.CandorStandalone;
import io.candor.standalone.sample.CandorHttp;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.candor.standalone.sample.CandorHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure over HTTP against the standalone app and the embedded server over a real socket: a candidate with a
 * history full of personal data (names, e-mail addresses, messages, notes, questions) is erased, and then no raw
 * document of any collection holds any of it, while the firm's analytics, the audit counts and the hash chains
 * are what they were.
 */
@SpringBootTest(classes = CandorStandalone.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"candor.embedded.enabled=true", "candor.embedded.in-memory=true"})
class ErasureEndToEndTest {

    private static final String FIRM = "erasure-firm";
    /** Every piece of the erased candidate's personal data the history below records. */
    private static final List<String> PERSONAL = List.of("Zelda Quixote", "zelda.quixote@example.org",
            "Tomas Teammate", "tomas.t@example.org", "helps with salary talks", "Rhett Referrer", "rhett.r@example.org",
            "Ivy Interviewer", "ivy.i@windmills.test", "windmill question", "gap in 2019", "windmills are hiring",
            "resume header", "Connie Contact", "connie.c@example.org", "met at the fair", "private note on quixote",
            "Fred Friend", "fred.f@example.org", "no, thank you for your time", "withdrawing politely");

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    MongoDatabase candorDatabase;

    @Test
    void afterErasure_noRawDocumentHoldsTheCandidatesPersonalData_andTheFirmAnalyticsAreUnchanged() {
        CandorHttp http = new CandorHttp(URI.create("http://127.0.0.1:" + port), json);
        String erased = recordAHistory(http);
        String control = http.command("/api/candidates", body("displayName", "Barnaby Control",
                "email", "barnaby@example.org", "employed", false, "firmId", FIRM)).path("id").asText();
        http.command("/api/candidates/" + control + "/search/end", body("outcome", "PAUSED"));
        JsonNode analyticsBefore = http.view("/api/firms/" + FIRM + "/analytics");
        int eventsBefore = http.view("/api/candidates/" + erased + "/timeline").path("entries").size();
        assertThat(rawDocumentsHolding("Zelda Quixote")).isNotEmpty(); // the views held it before

        http.command("/api/candidates/" + erased + "/erasure", body());

        for (String view : List.of("", "/pipeline", "/funnel", "/contacts", "/lessons", "/timeline", "/integrity")) {
            http.view("/api/candidates/" + erased + view); // each view has applied the erasure
        }
        for (String personal : PERSONAL) {
            assertThat(rawDocumentsHolding(personal)).as(personal).isEmpty();
        }
        assertThat(rawDocumentsHolding("Barnaby Control")).isNotEmpty(); // the scan does see the views
        assertThat(http.view("/api/firms/" + FIRM + "/analytics")).isEqualTo(analyticsBefore);
        JsonNode timeline = http.view("/api/candidates/" + erased + "/timeline").path("entries");
        assertThat(timeline).hasSize(eventsBefore + 1);
        assertThat(timeline.findValuesAsText("type")).contains("InvitationDeclined", "WithdrewFromProcess");
        assertThat(http.view("/api/candidates/" + erased + "/integrity").path("intact").asBoolean()).isTrue();
        JsonNode lessons = http.view("/api/candidates/" + erased + "/lessons");
        assertThat(lessons.at("/questions/0/count").asInt()).isEqualTo(2);
    }

    private String recordAHistory(CandorHttp http) {
        String candidate = http.command("/api/candidates", body("displayName", "Zelda Quixote",
                "email", "zelda.quixote@example.org", "employed", true, "firmId", FIRM)).path("id").asText();
        http.command("/api/candidates/" + candidate + "/team", body("member",
                Map.of("name", "Tomas Teammate", "email", "tomas.t@example.org"), "role", "FRIEND",
                "commitment", "LONG_HAUL", "helpsWith", "helps with salary talks"));
        String windmills = http.command("/api/candidates/" + candidate + "/opportunities", body("company",
                "Windmill Works", "role", "Engineer", "source", "REFERRAL", "channel", "EMAIL", "interest", "UNSURE",
                "receivedAt", "2026-03-01T09:00:00Z",
                "referrer", Map.of("name", "Rhett Referrer", "email", "rhett.r@example.org"))).path("id").asText();
        http.command("/api/opportunities/" + windmills + "/interviews",
                body("scheduledFor", "2026-03-05T09:00:00Z", "channel", "EMAIL", "agreedAt", "2026-03-02T09:00:00Z"));
        http.command("/api/opportunities/" + windmills + "/interviews/1/attendance", body(
                "attendedAt", "2026-03-05T09:00:00Z",
                "interviewers", List.of(Map.of("name", "Ivy Interviewer", "email", "ivy.i@windmills.test",
                        "title", "CTO", "role", "HIRING_MANAGER")),
                "questions", List.of("The windmill question?", "Another windmill question"),
                "resumeClarifications", List.of("The gap in 2019"), "insights", List.of("Windmills are hiring"),
                "fit", "GOOD"));
        http.command("/api/opportunities/" + windmills + "/lessons",
                body("category", "RESUME_CLARITY", "text", "Fix the resume header"));
        http.command("/api/opportunities/" + windmills + "/contacts", body(
                "contact", Map.of("name", "Connie Contact", "email", "connie.c@example.org"), "title", "Recruiter",
                "role", "RECRUITER", "metAt", "2026-03-05T11:00:00Z", "note", "We met at the fair"));
        http.command("/api/opportunities/" + windmills + "/notes", body("text", "A private note on Quixote"));
        http.command("/api/opportunities/" + windmills + "/withdrawal", body("reason", "FIT", "channel", "EMAIL",
                "message", "Thank you for your time; I am withdrawing politely."));
        String other = http.command("/api/candidates/" + candidate + "/opportunities", body("company", "Other Co",
                "role", "Analyst", "source", "RECRUITER", "channel", "PHONE", "interest", "NOT_INTERESTED",
                "receivedAt", "2026-03-02T09:00:00Z")).path("id").asText();
        http.command("/api/opportunities/" + other + "/decline", body("reason", "FIELD_MISMATCH",
                "certainty", "CERTAIN", "channel", "PHONE", "message", "Sorry, no, thank you for your time",
                "referredCandidate", Map.of("name", "Fred Friend", "email", "fred.f@example.org")));
        http.command("/api/candidates/" + candidate + "/search/end", body("outcome", "PAUSED"));
        return candidate;
    }

    /** The collection and id of every raw document whose JSON holds {@code text}, case aside. */
    private List<String> rawDocumentsHolding(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String collection : candorDatabase.listCollectionNames()) {
            for (Document document : candorDatabase.getCollection(collection).find()) {
                if (document.toJson().toLowerCase(Locale.ROOT).contains(wanted)) {
                    found.add(collection + "/" + document.get("_id"));
                }
            }
        }
        return found;
    }
}
