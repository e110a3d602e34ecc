package io.candor.standalone.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.candor.standalone.CandorStandalone;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code --candor.sample-data=true}: the launcher tells the seed stories to itself once it is ready, and a
 * newcomer finds every view filled; a second start on the same data loads nothing twice.
 */
@SpringBootTest(classes = CandorStandalone.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"candor.embedded.enabled=true", "candor.embedded.in-memory=true", "candor.sample-data=true"})
class SampleDataTest {

    private static final Duration VIEWS_CATCH_UP = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    SampleDataLoader loader;
    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void everyViewIsFilled_andASecondLoadAddsNothing() {
        CandorHttp http = new CandorHttp(URI.create("http://127.0.0.1:" + port), json);
        String candidate = sampleCandidate(http);

        await().atMost(VIEWS_CATCH_UP).untilAsserted(() -> {
            JsonNode pipeline = http.view("/api/candidates/" + candidate + "/pipeline");
            assertThat(pipeline.path("opportunities").size()).isGreaterThanOrEqualTo(6);
            assertThat(pipeline.toString()).contains("DECLINED", "WITHDRAWN", "REJECTED", "CANCELLED",
                    "OFFER_ACCEPTED");
            JsonNode funnel = http.view("/api/candidates/" + candidate + "/funnel");
            assertThat(funnel.at("/reached/OFFER_ACCEPTED").asInt()).isEqualTo(1);
            JsonNode contacts = http.view("/api/candidates/" + candidate + "/contacts");
            assertThat(contacts.path("contacts").size()).isGreaterThanOrEqualTo(4);
            assertThat(contacts.path("followUpsDue").size()).isPositive();
            JsonNode lessons = http.view("/api/candidates/" + candidate + "/lessons");
            assertThat(lessons.path("questions").size()).isPositive();
            assertThat(lessons.path("resumeClarifications").size()).isPositive();
            assertThat(lessons.path("surprises").size()).isPositive();
            assertThat(lessons.path("practiceInterviews").size()).isPositive();
            JsonNode timeline = http.view("/api/candidates/" + candidate + "/timeline");
            assertThat(timeline.path("entries").size()).isGreaterThan(20);
        });

        long timelineBefore = http.view("/api/candidates/" + candidate + "/timeline").path("entries").size();
        loader.load(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));

        assertThat(sampleCandidates(http)).isEqualTo(1);
        assertThat(http.view("/api/candidates/" + candidate + "/timeline").path("entries").size())
                .isEqualTo(timelineBefore);
    }

    private String sampleCandidate(CandorHttp http) {
        await().atMost(VIEWS_CATCH_UP).until(() -> sampleCandidates(http) == 1);
        for (JsonNode candidate : http.view("/api/candidates").path("candidates")) {
            if (SeedStories.SAMPLE_CANDIDATE.equals(candidate.path("displayName").asText())) {
                return candidate.path("id").asText();
            }
        }
        throw new AssertionError("no sample candidate");
    }

    private static long sampleCandidates(CandorHttp http) {
        long count = 0;
        for (JsonNode candidate : http.view("/api/candidates").path("candidates")) {
            if (SeedStories.SAMPLE_CANDIDATE.equals(candidate.path("displayName").asText())) {
                count++;
            }
        }
        return count;
    }
}
