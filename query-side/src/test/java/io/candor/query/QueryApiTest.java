package io.candor.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.candor.events.CandidateId;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.InterviewerRole;
import io.candor.events.OpportunityId;
import io.candor.events.Person;
import io.candor.query.support.Events;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.List;

import static io.candor.query.support.Events.day;
import static org.assertj.core.api.Assertions.assertThat;

class QueryApiTest extends QuerySideSpringTest {

    private final Events events = Events.forNewCandidate();
    private final OpportunityId acme = OpportunityId.generate();
    private String candidate;
    private String lastOpportunityPosition;

    @BeforeEach
    void aCandidateWithAnInterview() {
        candidate = events.candidate.value();
        append(events.registered("Casey"));
        append(events.invited(acme, "Acme", Interest.UNSURE, new Person("Rita", "rita@example.com")));
        append(events.scheduled(acme, 1, day(2)));
        lastOpportunityPosition = append(events.attended(acme, 1, day(2), Fit.GOOD,
                List.of(Events.interviewer("Hana Manager", InterviewerRole.HIRING_MANAGER)), List.of("Why Acme?")));
    }

    @Test
    void everyView_answersWithItsShape_onceItHasCaughtUp() {
        String waitFor = "?waitFor=" + lastOpportunityPosition;

        JsonNode opportunity = json(get("/api/opportunities/" + acme.value() + waitFor));
        assertThat(opportunity.get("stage").asText()).isEqualTo("ATTENDED");
        assertThat(opportunity.get("furthestStage").asText()).isEqualTo("ATTENDED");
        assertThat(opportunity.get("history")).hasSize(3);
        assertThat(opportunity.get("timeInStage").get(0).get("stage").asText()).isEqualTo("INVITED");
        assertThat(opportunity.get("referrer").get("name").asText()).isEqualTo("Rita");

        JsonNode funnel = json(get("/api/candidates/" + candidate + "/funnel" + waitFor));
        assertThat(funnel.get("reached").get("ATTENDED").asInt()).isEqualTo(1);
        assertThat(funnel.get("reached").get("OFFERED").asInt()).isZero();

        JsonNode pipeline = json(get("/api/candidates/" + candidate + "/pipeline" + waitFor));
        assertThat(pipeline.get("opportunities")).hasSize(1);

        JsonNode contacts = json(get("/api/candidates/" + candidate + "/contacts",
                "Candor-Wait-For", lastOpportunityPosition + "," + candidate + ":0"));
        assertThat(contacts.get("contacts")).hasSize(2);
        assertThat(contacts.get("followUpsDue").get(0).get("kind").asText()).isEqualTo("THANK_INTERVIEWER");

        JsonNode lessons = json(get("/api/candidates/" + candidate + "/lessons" + waitFor));
        assertThat(lessons.get("questions").get(0).get("count").asInt()).isEqualTo(1);

        JsonNode timeline = json(get("/api/candidates/" + candidate + "/timeline" + waitFor + "&asOf=" + day(1)));
        assertThat(timeline.get("entries")).hasSize(3);
        assertThat(timeline.get("entries").get(0).get("recordedBy").asText()).isEqualTo("tester");
        assertThat(timeline.get("state").get("opportunities").get(0).get("stage").asText()).isEqualTo("SCHEDULED");

        ResponseEntity<String> export = get("/api/candidates/" + candidate + "/timeline/export" + waitFor);
        assertThat(export.getHeaders().getContentType().toString()).startsWith("application/x-ndjson");
        assertThat(export.getBody().split("\n")).hasSize(4);

        JsonNode directory = json(get("/api/candidates/" + candidate + "?waitFor=" + candidate + ":0"));
        assertThat(directory.get("displayName").asText()).isEqualTo("Casey");
        assertThat(directory.get("opportunities").asInt()).isEqualTo(1);
        JsonNode listed = json(get("/api/candidates" + waitFor)).get("candidates");
        assertThat(listed.findValuesAsText("id")).contains(candidate);
        for (JsonNode entry : listed) {
            if (entry.get("id").asText().equals(candidate)) {
                assertThat(entry.get("opportunities").asInt()).as("counted in the list too").isEqualTo(1);
            }
        }
    }

    @Test
    void theDirectoryInParts_isTheWholeListInOrder_andBadBoundsAreA400NamingTheField() {
        append(Events.forNewCandidate().registered("Dev"));
        append(Events.forNewCandidate().registered("Emi"));
        String last = append(Events.forNewCandidate().registered("Fay"));
        String waitFor = "waitFor=" + last;

        JsonNode whole = json(get("/api/candidates?" + waitFor));
        int total = whole.get("total").asInt();
        assertThat(total).isGreaterThanOrEqualTo(4);
        assertThat(whole.get("candidates")).hasSize(total);
        List<String> inParts = new ArrayList<>();
        for (int offset = 0; offset < total; offset += 3) {
            JsonNode part = json(get("/api/candidates?offset=" + offset + "&limit=3&" + waitFor));
            assertThat(part.get("total").asInt()).isEqualTo(total);
            assertThat(part.get("offset").asInt()).isEqualTo(offset);
            assertThat(part.get("candidates").size()).isBetween(1, 3);
            inParts.addAll(part.get("candidates").findValuesAsText("id"));
        }
        assertThat(inParts).isEqualTo(whole.get("candidates").findValuesAsText("id"));
        assertThat(json(get("/api/candidates?offset=" + (total + 5) + "&" + waitFor)).get("candidates")).isEmpty();

        for (String bad : List.of("offset=-1", "limit=0", "limit=1001", "limit=many", "offset=1.5")) {
            ResponseEntity<String> response = get("/api/candidates?" + bad);
            assertThat(response.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(json(response).get("errors").get(0).get("field").asText()).as(bad)
                    .isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
    }

    @Test
    void unknownIds_areA404ProblemOnEveryView() {
        String unknown = CandidateId.generate().value();
        awaitViews(lastOpportunityPosition);
        for (String path : List.of("/api/opportunities/" + unknown, "/api/candidates/" + unknown,
                "/api/candidates/" + unknown + "/pipeline", "/api/candidates/" + unknown + "/funnel",
                "/api/candidates/" + unknown + "/contacts", "/api/candidates/" + unknown + "/lessons",
                "/api/candidates/" + unknown + "/timeline", "/api/candidates/not%20an%20id/timeline")) {
            ResponseEntity<String> response = get(path);
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(response.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(json(response).get("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void aMalformedAsOf_isA400NamingTheField() {
        ResponseEntity<String> response = get("/api/candidates/" + candidate + "/timeline?asOf=yesterday");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("asOf");
        assertThat(get("/api/candidates/" + candidate + "/timeline?knownAt=2026-13-01T00:00:00Z").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aMalformedWaitFor_isA400() {
        ResponseEntity<String> response = get("/api/candidates/" + candidate + "/lessons?waitFor=nonsense");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("waitFor");
        assertThat(get("/api/candidates/" + candidate + "/lessons", "Candor-Wait-For", "x:-1").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void waitingForAnEventTheViewNeverSees_endsIn503AfterTheTimeout() {
        long started = System.nanoTime();

        ResponseEntity<String> response = get("/api/opportunities/" + acme.value() + "?waitFor=" + acme.value() + ":99");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(1_000_000_000L);
    }

    @Test
    void waitFor_seesAnEventAppendedJustBefore() {
        String position = append(events.offered(acme, day(5)));

        JsonNode opportunity = json(get("/api/opportunities/" + acme.value() + "?waitFor=" + position));

        assertThat(opportunity.get("stage").asText()).isEqualTo("OFFERED");
        assertThat(opportunity.get("offer").get("salary").asText()).isEqualTo("95000.00");
    }
}
