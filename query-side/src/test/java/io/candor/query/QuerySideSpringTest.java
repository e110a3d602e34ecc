package io.candor.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.query.support.ViewPositions;
import io.candor.query.support.ViewProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The query side as it runs: its own Spring Boot app on the embedded MongoDB-wire server (in memory, over a real
 * socket). Every Spring test extends this class, so they share one context.
 */
@AutoConfigureObservability // metrics export (Prometheus) is off in tests without it
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"candor.embedded.enabled=true", "candor.embedded.in-memory=true", "candor.query.wait-timeout=1s"})
public abstract class QuerySideSpringTest {

    protected static final List<String> VIEWS = ViewProcessingConfiguration.VIEWS;

    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected ViewPositions positions;
    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected ObjectMapper objectMapper;

    private final Map<String, Long> sequences = new HashMap<>();

    /**
     * Appends {@code event} to the event store as its aggregate's next event, recorded now; returns
     * {@code aggregateId:sequence}. Recorded now, as the command side does: the Mongo event store's tracking tokens
     * follow message timestamps, so an event stamped in the past would be missed by running processors.
     */
    protected String append(Object event) {
        Instant recordedAt = Instant.now();
        String aggregateId = event instanceof OpportunityEvent o ? o.opportunityId().value()
                : ((CandidateEvent) event).candidateId().value();
        String type = event instanceof OpportunityEvent ? "Opportunity" : "Candidate";
        long sequence = sequences.merge(aggregateId, 0L, (old, zero) -> old + 1);
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, event,
                MetaData.with("recordedBy", "tester"), UUID.randomUUID().toString(), recordedAt));
        return aggregateId + ":" + sequence;
    }

    /** Waits until every view has applied {@code position} ({@code aggregateId:sequence}). */
    protected void awaitViews(String position) {
        int colon = position.lastIndexOf(':');
        String aggregateId = position.substring(0, colon);
        long sequence = Long.parseLong(position.substring(colon + 1));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> VIEWS.stream()
                .allMatch(view -> positions.sequence(view, aggregateId) >= sequence));
    }

    protected ResponseEntity<String> get(String path, String... headers) {
        HttpHeaders httpHeaders = new HttpHeaders();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            httpHeaders.add(headers[i], headers[i + 1]);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(httpHeaders), String.class);
    }

    protected ResponseEntity<String> post(String path) {
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(new HttpHeaders()), String.class);
    }

    protected JsonNode json(ResponseEntity<String> response) {
        try {
            return objectMapper.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + response.getBody(), e);
        }
    }
}
