package io.candor.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.InterviewerRole;
import io.candor.events.OpportunityId;
import io.candor.query.support.Events;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static io.candor.query.support.Events.day;
import static io.candor.query.support.Events.interviewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /admin/views/{view}/replay}: a view reset and rebuilt over HTTP, its progress followed until DONE. */
class ReplayEndpointTest extends QuerySideSpringTest {

    @Autowired
    private MongoDatabase candorDatabase;

    @AfterEach
    void release() {
        FaultyPipelineHandler.heal();
    }

    @Test
    void aReplay_reportsItsProgressUntilDone_andRebuildsTheViewEqualToBefore() {
        Events events = Events.forNewCandidate();
        OpportunityId acme = OpportunityId.generate();
        append(events.registered("Ezra"));
        append(events.invited(acme, "Acme", Interest.UNSURE, null));
        append(events.scheduled(acme, 1, day(2)));
        String held = append(events.attended(acme, 1, day(2), Fit.GOOD,
                List.of(interviewer("Hana", InterviewerRole.HIRING_MANAGER)), List.of("Why Acme?")));
        String last = append(events.offered(acme, day(4)));
        awaitViews(last);
        Map<String, List<Document>> before = DeadLettersTest.snapshot(candorDatabase, DeadLettersTest.PIPELINE_COLLECTIONS);
        CountDownLatch release = FaultyPipelineHandler.hold(held);

        ResponseEntity<String> started = post("/admin/views/pipeline/replay");

        assertThat(started.getStatusCode().value()).isEqualTo(202);
        assertThat(started.getHeaders().getLocation()).hasToString("/admin/views/pipeline/replay");
        assertThat(json(started).path("state").asText()).isEqualTo("RUNNING");
        assertThat(json(started).path("startedAt").asText()).isNotBlank();
        ResponseEntity<String> again = post("/admin/views/pipeline/replay");
        assertThat(again.getStatusCode().value()).as("the replay is held on an event: still running").isEqualTo(409);
        assertThat(again.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        JsonNode running = json(get("/admin/views/pipeline/replay"));
        assertThat(running.path("state").asText()).isEqualTo("RUNNING");
        assertThat(running.path("head").asLong()).isGreaterThanOrEqualTo(running.path("position").asLong());
        release.countDown();

        JsonNode done = awaitDone(this, "pipeline");

        assertThat(done.path("position").asLong()).isGreaterThanOrEqualTo(done.path("head").asLong());
        assertThat(done.path("eventsApplied").asLong()).isEqualTo(done.path("position").asLong() + 1);
        assertThat(done.path("eventsPerSecond").asDouble()).isPositive();
        assertThat(done.path("secondsLeft").asDouble()).isZero();
        assertThat(done.path("finishedAt").asText()).isNotBlank();
        awaitViews(last);
        assertThat(DeadLettersTest.snapshot(candorDatabase, DeadLettersTest.PIPELINE_COLLECTIONS)).isEqualTo(before);
    }

    @Test
    void theReplayOfAnUnknownView_isA404Problem() {
        for (ResponseEntity<String> response : List.of(post("/admin/views/nope/replay"), get("/admin/views/nope/replay"))) {
            assertThat(response.getStatusCode().value()).isEqualTo(404);
            assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        }
    }

    /** Replays {@code view} through the endpoint and waits until its progress says DONE. */
    static JsonNode replayAndAwaitDone(QuerySideSpringTest test, String view) {
        assertThat(test.post("/admin/views/" + view + "/replay").getStatusCode().value()).isEqualTo(202);
        return awaitDone(test, view);
    }

    static JsonNode awaitDone(QuerySideSpringTest test, String view) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> test.json(test.get("/admin/views/" + view + "/replay")),
                        progress -> progress.path("state").asText().equals("DONE"));
    }
}
