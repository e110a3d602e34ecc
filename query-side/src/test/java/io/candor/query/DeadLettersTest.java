package io.candor.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.InterviewerRole;
import io.candor.events.OpportunityId;
import io.candor.query.support.Events;
import io.candor.query.support.ViewDocumentCache;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.candor.query.support.Events.day;
import static io.candor.query.support.Events.interviewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison event in the pipeline view (see {@link FaultyPipelineHandler}): handled again a few times, then parked
 * with the later events of its candidate while the view goes on, listed and counted, retried through the admin
 * endpoint. An event that fails only for a while is applied once, and never parked.
 */
class DeadLettersTest extends QuerySideSpringTest {

    static final List<String> PIPELINE_COLLECTIONS = List.of("pipeline_opportunities", "pipeline_by_candidate",
            "candidates", "view_positions");

    @Autowired
    private MongoDatabase candorDatabase;

    @AfterEach
    void heal() {
        FaultyPipelineHandler.heal();
    }

    @Test
    void aPoisonEvent_isParkedWithTheLaterEventsOfItsCandidate_theViewGoesOn_andARetryAppliesThemLikeACleanReplay() {
        // The views' events are in sequence per candidate: Dana's later events are parked behind her poisoned
        // one, Sam's go on.
        Events events = Events.forNewCandidate();
        Events others = Events.forNewCandidate();
        OpportunityId acme = OpportunityId.generate();
        OpportunityId beta = OpportunityId.generate();
        OpportunityId gamma = OpportunityId.generate();
        append(events.registered("Dana"));
        append(others.registered("Sam"));
        append(events.invited(acme, "Acme", Interest.INTERESTED, null));
        awaitViews(append(others.invited(beta, "Beta", Interest.INTERESTED, null)));

        FaultyPipelineHandler.poison(acme.value() + ":1");
        append(events.scheduled(acme, 1, day(2)));
        String betaScheduled = append(others.scheduled(beta, 1, day(3)));
        String acmeAttended = append(events.attended(acme, 1, day(2), Fit.GOOD,
                List.of(interviewer("Hana", InterviewerRole.HIRING_MANAGER)), List.of("Why Acme?")));
        String gammaInvited = append(others.invited(gamma, "Gamma", Interest.UNSURE, null));
        awaitViews(betaScheduled);
        awaitViews(gammaInvited);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> json(get("/admin/dead-letters?view=pipeline")).path("count").asInt() == 2);

        JsonNode letters = json(get("/admin/dead-letters?view=pipeline")).path("deadLetters");
        assertThat(letters.get(0).path("view").asText()).isEqualTo("pipeline");
        assertThat(letters.get(0).path("sequenceIdentifier").asText()).isEqualTo(events.candidate.value());
        assertThat(letters.get(0).path("eventType").asText()).isEqualTo("InterviewScheduled");
        assertThat(letters.get(0).path("aggregateSequence").asLong()).isEqualTo(1);
        assertThat(letters.get(0).path("globalPosition").isNumber()).isTrue();
        assertThat(letters.get(0).path("cause").path("type").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letters.get(0).path("cause").path("message").asText()).isEqualTo("Poisoned event " + acme.value() + ":1");
        assertThat(letters.get(0).path("enqueuedAt").asText()).isNotBlank();
        assertThat(FaultyPipelineHandler.failures(acme.value() + ":1")).as("handled three times before it is parked")
                .isEqualTo(3);
        assertThat(letters.get(1).path("eventType").asText()).as("parked behind it").isEqualTo("InterviewAttended");
        assertThat(letters.get(1).path("aggregateSequence").asLong()).isEqualTo(2);
        assertThat(letters.get(1).path("cause").isNull()).isTrue();

        Document acmeView = candorDatabase.getCollection("pipeline_opportunities").find(Filters.eq("_id", acme.value())).first();
        assertThat(acmeView.containsKey("halfApplied")).as("nothing the failed handler staged is written").isFalse();
        assertThat(acmeView.getList("history", Document.class)).extracting(entry -> entry.get("sequence"))
                .as("only the invitation applied").containsExactly(0L);
        assertThat(acmeView.getString("stage")).isEqualTo("INVITED");
        assertThat(positions.sequence("pipeline", acme.value())).isZero();
        assertThat(positions.sequence("pipeline", beta.value())).as("the same batch's other events are written").isEqualTo(1);
        assertThat(positions.sequence("timeline", acme.value())).as("other views are not concerned").isEqualTo(2);
        assertThat(get("/actuator/prometheus").getBody()).contains("candor_dead_letters{view=\"pipeline\"} 2.0");
        assertThat(json(get("/admin/dead-letters")).path("count").asInt()).isEqualTo(2);

        JsonNode stillFailing = json(post("/admin/dead-letters/pipeline/retry"));
        assertThat(stillFailing.path("retried").asInt()).isEqualTo(2);
        assertThat(stillFailing.path("succeeded").asInt()).isZero();
        assertThat(stillFailing.path("stillDead").asInt()).isEqualTo(2);
        JsonNode first = json(get("/admin/dead-letters?view=pipeline")).path("deadLetters").get(0);
        assertThat(first.path("diagnostics").path("attempts").asInt()).as("three handlings, then the retry's")
                .isEqualTo(4);
        assertThat(positions.sequence("pipeline", acme.value())).isZero();

        FaultyPipelineHandler.heal();
        ResponseEntity<String> retried = post("/admin/dead-letters/pipeline/retry");

        assertThat(retried.getStatusCode().value()).isEqualTo(200);
        assertThat(json(retried).path("retried").asInt()).isEqualTo(2);
        assertThat(json(retried).path("succeeded").asInt()).isEqualTo(2);
        assertThat(json(retried).path("stillDead").asInt()).isZero();
        assertThat(json(get("/admin/dead-letters?view=pipeline")).path("count").asInt()).isZero();
        awaitViews(acmeAttended);
        assertThat(candorDatabase.getCollection("pipeline_opportunities").find(Filters.eq("_id", acme.value())).first()
                .getString("stage")).isEqualTo("ATTENDED");
        Map<String, List<Document>> retriedView = snapshot(candorDatabase, PIPELINE_COLLECTIONS);

        ReplayEndpointTest.replayAndAwaitDone(this, "pipeline");

        assertThat(snapshot(candorDatabase, PIPELINE_COLLECTIONS)).as("equal to a clean replay").isEqualTo(retriedView);
    }

    @Test
    void anEventThatFailsTwice_thenPasses_isAppliedOnce_andNeverParked() {
        Events events = Events.forNewCandidate();
        OpportunityId acme = OpportunityId.generate();
        append(events.registered("Ines"));
        awaitViews(append(events.invited(acme, "Acme", Interest.INTERESTED, null)));
        String scheduled = acme.value() + ":1";
        FaultyPipelineHandler.failFirst(scheduled, 2);

        awaitViews(append(events.scheduled(acme, 1, day(2))));

        assertThat(FaultyPipelineHandler.failures(scheduled)).as("it did fail, twice").isEqualTo(2);
        assertThat(json(get("/admin/dead-letters?view=pipeline")).path("count").asInt()).isZero();
        Document acmeView = candorDatabase.getCollection("pipeline_opportunities").find(Filters.eq("_id", acme.value())).first();
        assertThat(acmeView.containsKey("halfApplied")).as("nothing the failed handlings staged is written").isFalse();
        assertThat(acmeView.getList("history", Document.class)).extracting(entry -> entry.get("sequence"))
                .as("applied once").containsExactly(0L, 1L);
        assertThat(acmeView.getString("stage")).isEqualTo("SCHEDULED");
    }

    @Test
    void theDeadLettersOfAnUnknownView_areA404Problem() {
        ResponseEntity<String> list = get("/admin/dead-letters?view=nope");
        ResponseEntity<String> retry = post("/admin/dead-letters/nope/retry");

        for (ResponseEntity<String> response : List.of(list, retry)) {
            assertThat(response.getStatusCode().value()).isEqualTo(404);
            assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        }
    }

    /** What the views say: each document without the version it was written with, which says by whom and when. */
    static Map<String, List<Document>> snapshot(MongoDatabase database, List<String> collections) {
        Map<String, List<Document>> snapshot = new LinkedHashMap<>();
        for (String collection : collections) {
            List<Document> documents = database.getCollection(collection).find()
                    .projection(Projections.exclude(ViewDocumentCache.VERSION)).into(new ArrayList<>());
            documents.sort(Comparator.comparing(document -> String.valueOf(document.get("_id"))));
            snapshot.put(collection, documents);
        }
        return snapshot;
    }
}
