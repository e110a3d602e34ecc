package io.candor.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.candor.events.CandidateId;
import io.candor.events.Channel;
import io.candor.events.Interest;
import io.candor.events.OpportunityId;
import io.candor.events.Source;
import io.candor.events.opportunity.OpportunityEvent.InvitationReceived;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operations read from the query side: the health component {@code views} with each processor's state and
 * lag, and the Prometheus scrape with the views' lag and segments.
 */
class OperationsEndpointsTest extends QuerySideSpringTest {

    @Test
    void health_listsEveryViewRunningAndCaughtUp_onceItHasAppliedTheLatestEvent() {
        awaitViews(append(new InvitationReceived(OpportunityId.generate(), CandidateId.generate(), "Fabrikam",
                "Analyst", Source.REFERRAL, Channel.EMAIL, Instant.now(), Interest.INTERESTED, null, Set.of(), null)));

        ResponseEntity<String> health = get("/actuator/health");

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(json(health).at("/components/mongo/status").asText()).as(health.getBody()).isEqualTo("UP");
        JsonNode views = json(health).at("/components/views");
        assertThat(views.path("status").asText()).isEqualTo("UP");
        for (String view : VIEWS) {
            JsonNode details = views.at("/details/" + view);
            assertThat(details.path("running").asBoolean()).as(view).isTrue();
            assertThat(details.path("failing").asBoolean()).as(view).isFalse();
            assertThat(details.path("segments").asInt()).as(view).isPositive();
            assertThat(details.path("lagEvents").asLong()).as(view).isZero();
        }
    }

    @Test
    void thePrometheusScrape_carriesEachViewsLagAndSegments() {
        ResponseEntity<String> scrape = get("/actuator/prometheus");

        assertThat(scrape.getStatusCode().value()).isEqualTo(200);
        for (String view : VIEWS) {
            assertThat(scrape.getBody()).contains("candor_view_lag_events{view=\"" + view + "\"}");
            assertThat(scrape.getBody()).contains("candor_view_segments{view=\"" + view + "\"}");
        }
    }
}
