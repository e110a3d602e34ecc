package io.candor.standalone.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * With {@code --candor.sample-data=true}, tells the seed articles' stories to the running app once it is ready,
 * through its own REST API, so that a newcomer sees every view filled at once. Runs once per data directory: a
 * candidate with the sample's name already in the directory means it was loaded before.
 */
@Component
@ConditionalOnProperty(name = "candor.sample-data", havingValue = "true")
class SampleDataLoader {

    static final String SAMPLE_CANDIDATE = SeedStories.SAMPLE_CANDIDATE;
    private static final Logger log = LoggerFactory.getLogger(SampleDataLoader.class);

    private final ObjectMapper json;
    private final Clock clock;

    SampleDataLoader(ObjectMapper json) {
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    @EventListener
    void load(ApplicationReadyEvent ready) {
        int port = ((WebServerApplicationContext) ready.getApplicationContext()).getWebServer().getPort();
        URI base = URI.create("http://127.0.0.1:" + port);
        CandorHttp http = new CandorHttp(base, json);
        if (alreadyLoaded(http)) {
            log.info("Sample job search already loaded; see {}/api/candidates", base);
            return;
        }
        String candidate = new SeedStories(http, clock.instant().minus(Duration.ofDays(40))).loadAll();
        log.info("Sample job search loaded: {}/api/candidates/{}/pipeline", base, candidate);
        System.out.println("Sample job search loaded for candidate " + candidate
                + ": " + base + "/api/candidates/" + candidate + "/pipeline");
    }

    private static boolean alreadyLoaded(CandorHttp http) {
        CandorHttp.Response candidates = http.read("/api/candidates");
        if (!candidates.isSuccess()) {
            return false;
        }
        JsonNode list = candidates.body().isArray() ? candidates.body() : candidates.body().path("candidates");
        for (JsonNode candidate : list) {
            if (SAMPLE_CANDIDATE.equals(candidate.path("displayName").asText())) {
                return true;
            }
        }
        return false;
    }
}
