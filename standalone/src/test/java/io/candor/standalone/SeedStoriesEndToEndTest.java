package io.candor.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.candor.standalone.sample.CandorHttp;
import io.candor.standalone.sample.SeedStories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.candor.standalone.sample.CandorHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each seed article's story, told over HTTP to the standalone app (both sides, the embedded MongoDB-wire
 * server over a real socket), then read back from the views it should have changed.
 */
@SpringBootTest(classes = CandorStandalone.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"candor.embedded.enabled=true", "candor.embedded.in-memory=true"})
class SeedStoriesEndToEndTest {

    private static final Instant START = Instant.parse("2026-02-01T09:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;

    private CandorHttp http;
    private SeedStories stories;

    @BeforeEach
    void connect() {
        http = new CandorHttp(URI.create("http://127.0.0.1:" + port), json);
        stories = new SeedStories(http, START);
    }

    @Test
    void seed002_anInterviewNotWanted_turnsIntoABetterPositionAndAnOffer() {
        String candidate = stories.registerCandidate("Ana Silva", "ana@example.org", true);

        SeedStories.BetterPosition story = stories.interviewNotWantedTurnsIntoBetterPosition(candidate);

        JsonNode original = http.view("/api/opportunities/" + story.original());
        JsonNode alternative = http.view("/api/opportunities/" + story.alternative());
        assertThat(original.path("stage").asText()).isEqualTo("ATTENDED");
        assertThat(original.path("round").asInt()).isEqualTo(2);
        assertThat(alternative.path("stage").asText()).isEqualTo("OFFER_ACCEPTED");
        assertThat(alternative.path("company").asText()).isEqualTo("Northwind Logistics");
        assertThat(alternative.path("role").asText()).isEqualTo("Analytics Engineering Lead");
        assertThat(alternative.path("alternativeTo").asText()).isEqualTo(story.original());

        JsonNode funnel = http.view("/api/candidates/" + candidate + "/funnel");
        assertThat(funnel.at("/reached/INVITED").asInt()).isEqualTo(2);
        assertThat(funnel.at("/reached/ATTENDED").asInt()).isEqualTo(2);
        assertThat(funnel.at("/reached/OFFERED").asInt()).isEqualTo(1);
        assertThat(funnel.at("/reached/OFFER_ACCEPTED").asInt()).isEqualTo(1);

        JsonNode lessons = http.view("/api/candidates/" + candidate + "/lessons");
        assertThat(texts(lessons.path("surprises"), "opportunityId")).contains(story.alternative());
        assertThat(lessons.path("questions").get(0).path("count").asInt()).isEqualTo(2);
        assertThat(texts(lessons.path("resumeClarifications"), "text"))
                .contains("What did the platform modernisation at Contoso involve?");
    }

    @Test
    void seed001_aCancellationAfterAcceptingAnotherOffer_goesThroughTheSameChannelWithAnAcceptableReason() {
        String candidate = stories.registerCandidate("Ben Okafor", "ben@example.org", false);
        String early = http.command("/api/candidates/" + candidate + "/opportunities", body("company", "Tailspin",
                "role", "Analyst", "source", "DIRECT", "channel", "EMAIL", "interest", "INTERESTED",
                "receivedAt", stories.at(0))).path("id").asText();
        http.command("/api/opportunities/" + early + "/interviews",
                body("scheduledFor", stories.at(30), "channel", "EMAIL"));
        String cancel = "/api/opportunities/" + early + "/interviews/1/cancel";
        String polite = "Thank you for your time; I have to cancel our interview.";

        assertRefused(http.send(cancel, body("reason", "ACCEPTED_OTHER_OFFER", "channel", "EMAIL",
                "message", polite, "notifiedAt", stories.at(2))), "OTHER_OFFER_MUST_EXIST");
        assertRefused(http.send(cancel, body("reason", "ILLNESS", "channel", "PHONE",
                "message", polite, "notifiedAt", stories.at(2))), "SAME_CHANNEL");
        assertRefused(http.send(cancel, body("reason", "NOT_INTERESTED", "channel", "EMAIL",
                "message", polite, "notifiedAt", stories.at(2))), "ACCEPTABLE_CANCEL_REASON");
        assertRefused(http.send(cancel, body("reason", "COMMUTE", "channel", "EMAIL",
                "message", "Your office is a joke and so is the role.", "notifiedAt", stories.at(2))),
                "NO_DEROGATORY_REMARKS");
        assertRefused(http.send(cancel, body("reason", "ILLNESS", "channel", "EMAIL",
                "message", polite, "notifiedAt", stories.at(30))), "NO_BAILING_MID_INTERVIEW");

        stories.interviewNotWantedTurnsIntoBetterPosition(candidate);
        String cancelled = stories.cancellationAfterAcceptingAnotherOffer(candidate);

        JsonNode opportunity = http.view("/api/opportunities/" + cancelled);
        assertThat(opportunity.path("stage").asText()).isEqualTo("CANCELLED");
        JsonNode stillScheduled = http.view("/api/opportunities/" + early);
        assertThat(stillScheduled.path("stage").asText()).isEqualTo("SCHEDULED");

        JsonNode timeline = http.view("/api/candidates/" + candidate + "/timeline");
        JsonNode cancellation = first(timeline.path("entries"), "type", "InterviewCancelled");
        assertThat(cancellation.path("opportunityId").asText()).isEqualTo(cancelled);
        assertThat(cancellation.path("happenedAt").asText()).isEqualTo(stories.at(25));
    }

    @Test
    void seed003_anUnsureDecline_isRecordedWithTheReferralAndTheTimelineShowsBothClocks() {
        Instant beforeRecording = Instant.now();
        String candidate = stories.registerCandidate("Chen Wu", "chen@example.org", true);

        String declined = stories.unsureDecline(candidate);

        JsonNode opportunity = http.view("/api/opportunities/" + declined);
        assertThat(opportunity.path("stage").asText()).isEqualTo("DECLINED");
        assertThat(opportunity.path("furthestStage").asText()).isEqualTo("INVITED");

        JsonNode contacts = http.view("/api/candidates/" + candidate + "/contacts");
        assertThat(texts(contacts.path("contacts"), "name")).contains("Sam Ortiz");

        JsonNode asOfInvitation = http.view("/api/candidates/" + candidate + "/timeline?asOf=" + stories.at(3));
        assertThat(stageOf(asOfInvitation, declined)).isEqualTo("INVITED");
        JsonNode now = http.view("/api/candidates/" + candidate + "/timeline");
        assertThat(stageOf(now, declined)).isEqualTo("DECLINED");
        JsonNode knownBefore = http.view("/api/candidates/" + candidate + "/timeline?knownAt="
                + beforeRecording.minusSeconds(1));
        assertThat(knownBefore.path("entries").size()).isZero();

        assertThat(http.read("/api/candidates/" + candidate + "/timeline?asOf=yesterday").status()).isEqualTo(400);
    }

    @Test
    void seed000_aRecruiterForSeveralCompanies_andAnInterviewSeenThroughToAPoliteWithdrawal() {
        String candidate = stories.registerCandidate("Dee Mensah", "dee@example.org", true);
        String rude = http.command("/api/candidates/" + candidate + "/opportunities", body("company", "Proseware",
                "role", "Analyst", "source", "DIRECT", "channel", "EMAIL", "interest", "INTERESTED",
                "receivedAt", stories.at(0))).path("id").asText();
        http.command("/api/opportunities/" + rude + "/interviews",
                body("scheduledFor", stories.at(2), "channel", "EMAIL"));
        http.command("/api/opportunities/" + rude + "/interviews/1/attendance",
                body("attendedAt", stories.at(2), "fit", "NOT_A_FIT"));
        assertRefused(http.send("/api/opportunities/" + rude + "/withdrawal",
                body("reason", "FIT", "channel", "EMAIL", "message", "I am no longer interested.")),
                "WITHDRAW_WITH_THANKS");

        SeedStories.SharedRecruiter story = stories.recruiterWithSeveralCompanies(candidate);

        assertThat(http.view("/api/opportunities/" + story.notAFit()).path("stage").asText()).isEqualTo("WITHDRAWN");
        assertThat(http.view("/api/opportunities/" + story.rejected()).path("stage").asText()).isEqualTo("REJECTED");
        JsonNode contacts = http.view("/api/candidates/" + candidate + "/contacts");
        JsonNode recruiter = first(contacts.path("contacts"), "name", "Morgan Lee");
        assertThat(recruiter.path("companies").toString()).contains("Litware").contains("Adventure Works");
        JsonNode manager = first(contacts.path("contacts"), "name", "Chris Novak");
        assertThat(manager.path("followUps").toString()).contains("THANK_INTERVIEWER");
        assertThat(recruiter.path("followUps").toString()).contains("TELL_REFERRER");

        JsonNode lessons = http.view("/api/candidates/" + candidate + "/lessons");
        assertThat(lessons.path("practiceInterviews").size()).isGreaterThanOrEqualTo(1);
        assertThat(lessons.path("questions").get(0).path("count").asInt()).isEqualTo(2);
    }

    @Test
    void seed004_anInterviewTakenWithoutInterest_countsAsPractice_andAnOfferFromItIsASurprise() {
        String candidate = stories.registerCandidate("Eli Brooks", "eli@example.org", false);
        String practice = http.command("/api/candidates/" + candidate + "/opportunities", body("company", "Wingtip",
                "role", "Junior Analyst", "source", "RECRUITER", "channel", "EMAIL", "interest", "NOT_INTERESTED",
                "receivedAt", stories.at(0))).path("id").asText();
        http.command("/api/opportunities/" + practice + "/interviews",
                body("scheduledFor", stories.at(3), "channel", "EMAIL"));
        http.command("/api/opportunities/" + practice + "/interviews/1/attendance", body("attendedAt", stories.at(3),
                "questions", List.of("Where do you see yourself in five years?"), "fit", "GOOD"));
        http.command("/api/opportunities/" + practice + "/offer", body("salary", 72000, "currency", "EUR",
                "respondBy", stories.at(12)));

        JsonNode lessons = http.view("/api/candidates/" + candidate + "/lessons");
        assertThat(texts(lessons.path("practiceInterviews"), "opportunityId")).containsExactly(practice);
        assertThat(texts(lessons.path("surprises"), "opportunityId")).containsExactly(practice);
        JsonNode funnel = http.view("/api/candidates/" + candidate + "/funnel");
        assertThat(funnel.at("/reached/OFFERED").asInt()).isEqualTo(1);
        assertThat(http.view("/api/opportunities/" + practice).path("stage").asText()).isEqualTo("OFFERED");
    }

    @Test
    void theLauncherDocumentsEveryPathOfTheContract_inOneOpenApi_withASwaggerUi() {
        JsonNode paths = http.view("/v3/api-docs").path("paths");
        assertThat(paths.has("/api/candidates")).isTrue();
        for (String path : List.of("/api/candidates/{id}/opportunities", "/api/opportunities/{id}/interviews",
                "/api/opportunities/{id}/interviews/{round}/reschedule",
                "/api/opportunities/{id}/interviews/{round}/cancel",
                "/api/opportunities/{id}/interviews/{round}/attendance", "/api/opportunities/{id}/decline",
                "/api/opportunities/{id}/withdrawal", "/api/opportunities/{id}/rejection",
                "/api/opportunities/{id}/offer", "/api/opportunities/{id}/offer/decline",
                "/api/opportunities/{id}/offer/accept", "/api/opportunities/{id}/alternative-position",
                "/api/opportunities/{id}/lessons")) {
            assertThat(paths.path(path).has("post")).as(path).isTrue();
        }
        for (String path : List.of("/api/opportunities/{id}", "/api/candidates/{id}/pipeline",
                "/api/candidates/{id}/funnel", "/api/candidates/{id}/contacts", "/api/candidates/{id}/lessons",
                "/api/candidates/{id}/timeline")) {
            assertThat(paths.path(path).has("get")).as(path).isTrue();
        }
        assertThat(http.read("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    private static void assertRefused(CandorHttp.Response response, String rule) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("rule").asText()).isEqualTo(rule);
    }

    private static String stageOf(JsonNode timeline, String opportunity) {
        return first(timeline.at("/state/opportunities"), "opportunityId", opportunity).path("stage").asText();
    }

    private static JsonNode first(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        throw new AssertionError("No element with " + field + "=" + value + " in " + array);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.path(field).asText()));
        return texts;
    }
}
