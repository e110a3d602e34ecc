package io.candor.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.candor.query.support.Events;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The views linger at the head ({@code candor.query.linger}) to handle events that arrive together in one batch,
 * but never keep a reader of its own write waiting: here they would linger an hour, and the reader is answered.
 */
@TestPropertySource(properties = {"candor.query.linger=1h", "candor.query.wait-timeout=20s"})
class ViewLingeringTest extends QuerySideSpringTest {

    @Test
    void aReaderWaitingForItsOwnWrite_hurriesTheViewPastItsLinger() {
        Events events = Events.forNewCandidate();
        String position = append(events.registered("Casey"));

        ResponseEntity<String> response = get("/api/candidates/" + events.candidate.value() + "?waitFor=" + position);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode candidate = json(response);
        assertThat(candidate.get("displayName").asText()).isEqualTo("Casey");
    }
}
