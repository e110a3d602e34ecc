package io.candor.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.query.QuerySideSpringTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsApiTest extends QuerySideSpringTest {

    private final FirmHistory history = new FirmHistory();
    /** {@code waitFor=} each candidate's last event, so that the view has applied the whole history. */
    private String waitFor;

    @BeforeEach
    void theHistoryOfTwoFirms() {
        Map<String, String> lastPositions = new LinkedHashMap<>();
        for (Object event : history.events) {
            String candidate = event instanceof OpportunityEvent o ? o.candidateId().value()
                    : ((CandidateEvent) event).candidateId().value();
            lastPositions.put(candidate, append(event));
        }
        waitFor = "?waitFor=" + String.join("&waitFor=", lastPositions.values());
    }

    private JsonNode analytics(String firm) {
        ResponseEntity<String> response = get("/api/firms/" + firm + "/analytics" + waitFor);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    @Test
    void aFirmsAnalytics_sumItsCandidatesHistories() {
        JsonNode a = analytics(history.firmA.value());

        assertThat(a.get("firmId").asText()).isEqualTo(history.firmA.value());
        assertThat(a.get("candidates").asInt()).isEqualTo(3);
        assertThat(a.get("opportunities").asInt()).isEqualTo(8);
        assertThat(fields(a.get("declineReasons"))).containsExactly("COMMUTE=2", "FIT=1", "COMPENSATION=1");
        assertThat(fields(a.at("/declineReasonsByKind/invitations"))).containsExactly("COMMUTE=2");
        assertThat(fields(a.at("/declineReasonsByKind/offers"))).containsExactly("COMPENSATION=1");
        assertThat(fields(a.at("/declineReasonsByKind/withdrawals"))).containsExactly("FIT=1");
        assertThat(fields(a.get("cancellationReasons"))).containsExactly("ACCEPTED_OTHER_OFFER=1");
        assertThat(fields(a.at("/conversionBySource/RECRUITER")))
                .containsExactly("opportunities=4", "interviewed=1", "offers=1", "accepted=1", "rate=0.25");
        assertThat(fields(a.at("/conversionBySource/REFERRAL")))
                .containsExactly("opportunities=2", "interviewed=1", "offers=1", "accepted=0", "rate=0.5");
        assertThat(a.at("/conversionBySource/NETWORK/rate").asDouble()).isZero();
        assertThat(fields(a.get("timeToOffer"))).containsExactly("count=3", "medianDays=10.0", "meanDays=11.0");
        assertThat(fields(a.get("conduct"))).containsExactly("cancellations=1", "reschedules=1",
                "medianNoticeLeadTimeHours=30.0", "lateNotices=1", "noShows=1", "opportunitiesWithMessages=5",
                "opportunitiesThroughInvitationChannel=4", "channelConsistency=0.8");
        JsonNode searches = a.get("longSearches");
        assertThat(searches.findValuesAsText("candidateId"))
                .containsExactly(history.cleo.value(), history.bob.value(), history.ann.value());
        assertThat(searches.get(0).get("searching").asBoolean()).isTrue();
        assertThat(searches.get(0).get("weeksActive").asDouble()).as("still searching: to now").isGreaterThan(10.0);
        assertThat(fields(searches.get(1))).containsExactly("candidateId=" + history.bob.value(), "weeksActive=4.0",
                "searching=false", "interviews=3", "interviewsPerWeek=0.75");
        assertThat(searches.get(2).get("interviewsPerWeek").asDouble()).isEqualTo(0.5);
    }

    @Test
    void oneFirmsAnalytics_neverIncludeAnotherFirmsCandidates() {
        JsonNode a = analytics(history.firmA.value());
        JsonNode b = analytics(history.firmB.value());

        assertThat(b.get("candidates").asInt()).isEqualTo(1);
        assertThat(b.get("opportunities").asInt()).isEqualTo(3);
        assertThat(b.get("longSearches").findValuesAsText("candidateId")).containsExactly(history.dana.value());
        assertThat(fields(b.get("declineReasons"))).containsExactly("PAY_CUT=1");
        assertThat(fields(b.get("cancellationReasons"))).containsExactly("ILLNESS=1");
        assertThat(a.get("longSearches").findValuesAsText("candidateId")).doesNotContain(history.dana.value());
        assertThat(a.get("declineReasons").has("PAY_CUT")).isFalse();
        assertThat(a.get("cancellationReasons").has("ILLNESS")).isFalse();
    }

    @Test
    void aFirmWithoutCandidates_andMalformedIds_areA404Problem_neverA500() {
        analytics(history.firmA.value()); // the views have caught up
        for (String firm : List.of("no-such-firm", "%20", "%00", "x".repeat(2_000), "%7B%22%24ne%22%3A1%7D",
                "%E2%82%AC%F0%9F%98%80")) {
            ResponseEntity<String> response = get("/api/firms/" + firm + "/analytics");
            assertThat(response.getStatusCode()).as(firm).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(response.getHeaders().getContentType()).as(firm).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(json(response).get("status").asInt()).isEqualTo(404);
        }
        assertThat(get("/api/firms/a%2Fb/analytics").getStatusCode().is5xxServerError()).isFalse();
        ResponseEntity<String> badWait = get("/api/firms/" + history.firmA.value() + "/analytics?waitFor=nonsense");
        assertThat(badWait.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json(badWait).get("errors").get(0).get("field").asText()).isEqualTo("waitFor");
    }

    /** The members of an object as {@code name=value}, in the order the JSON has them. */
    private static List<String> fields(JsonNode object) {
        List<String> fields = new ArrayList<>();
        object.fields().forEachRemaining(field -> fields.add(field.getKey() + "=" + field.getValue().asText()));
        return fields;
    }
}
