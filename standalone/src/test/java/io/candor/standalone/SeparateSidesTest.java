package io.candor.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.candor.command.CommandSideApplication;
import io.candor.infrastructure.embedded.EmbeddedMongo;
import io.candor.query.QuerySideApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production topology in one JVM: the command side and the query side as two separate Spring contexts on
 * their own ports, sharing nothing but one MongoDB (an embedded server the test starts and hands to both through
 * {@code spring.data.mongodb.uri}). What the command side stores, the query side reads.
 */
class SeparateSidesTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();
    private static EmbeddedMongo mongo;
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;

    @BeforeAll
    static void startBothSides() {
        mongo = EmbeddedMongo.inMemory();
        String uri = mongo.connectionString() + "/candor";
        commandSide = side(CommandSideApplication.class, "candor-command.yml", uri);
        querySide = side(QuerySideApplication.class, "candor-query.yml", uri,
                "--candor.dashboard.command-side-url=http://127.0.0.1:" + port(commandSide));
    }

    @AfterAll
    static void stopBothSides() {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    private static ConfigurableApplicationContext side(Class<?> application, String sideConfig, String mongoUri,
                                                       String... more) {
        List<String> args = new ArrayList<>(List.of(
                // Each side's own settings, not the launcher's application.yml that is first on this class path.
                "--spring.config.location=classpath:/candor-common.yml,classpath:/" + sideConfig,
                "--spring.application.name=" + application.getSimpleName(),
                "--spring.data.mongodb.uri=" + mongoUri,
                "--candor.embedded.enabled=false",
                "--server.port=0",
                "--axoniq.update-checker.disabled=true"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(application).run(args.toArray(String[]::new));
    }

    @Test
    void bothSides_runOnTheirOwnPorts_andAreHealthy() throws Exception {
        assertThat(port(commandSide)).isNotEqualTo(port(querySide));
        assertThat(get(commandSide, "/actuator/health").body()).contains("\"UP\"");
        assertThat(get(querySide, "/actuator/health").body()).contains("\"UP\"");
    }

    @Test
    void anInvitationRecordedOnTheCommandSide_appearsInThePipelineOfTheQuerySide() throws Exception {
        HttpResponse<String> registered = post(commandSide, "/api/candidates",
                Map.of("displayName", "Ada Lovelace", "email", "ada@example.com", "employed", true));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String candidateId = json.readTree(registered.body()).path("id").asText();

        HttpResponse<String> invited = post(commandSide, "/api/candidates/" + candidateId + "/opportunities",
                Map.of("company", "Analytical Engines Ltd", "role", "Programmer", "source", "REFERRAL",
                        "channel", "EMAIL", "receivedAt", "2026-03-01T09:00:00Z", "interest", "INTERESTED",
                        "referrer", Map.of("name", "Charles Babbage", "email", "charles@example.com"),
                        "companySignals", List.of()));
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        String opportunityId = json.readTree(invited.body()).path("id").asText();
        String position = invited.headers().firstValue("Candor-Position").orElseThrow();

        HttpResponse<String> pipeline = get(querySide, "/api/candidates/" + candidateId + "/pipeline?waitFor="
                + URLEncoder.encode(position, StandardCharsets.UTF_8));

        assertThat(pipeline.statusCode()).as(pipeline.body()).isEqualTo(200);
        assertThat(pipeline.body()).contains(opportunityId).contains("INVITED");
    }

    @Test
    void theQuerySidesDashboard_postsItsFormsThroughItsOwnOrigin_toTheCommandSide() throws Exception {
        assertThat(get(querySide, "/").body()).as("the pages post through their own origin")
                .contains("commandApi: \"\\/dashboard\\/command-side\"");

        HttpResponse<String> registered = post(querySide, "/dashboard/command-side/api/candidates",
                Map.of("displayName", "Grace Hopper", "email", "grace@example.com", "employed", true));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String candidateId = json.readTree(registered.body()).path("id").asText();
        String position = registered.headers().firstValue("Candor-Position").orElseThrow();
        HttpResponse<String> candidate = get(querySide, "/api/candidates/" + candidateId + "?waitFor="
                + URLEncoder.encode(position, StandardCharsets.UTF_8));
        assertThat(candidate.statusCode()).as(candidate.body()).isEqualTo(200);
        assertThat(candidate.body()).contains("Grace Hopper");

        HttpResponse<String> refused = post(querySide, "/dashboard/command-side/api/candidates",
                Map.of("displayName", "", "employed", true));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
        assertThat(post(querySide, "/dashboard/command-side/actuator/shutdown", Map.of()).statusCode())
                .as("only the command API is forwarded").isEqualTo(404);
    }

    private static int port(ConfigurableApplicationContext side) {
        return side.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static URI uri(ConfigurableApplicationContext side, String path) {
        return URI.create("http://127.0.0.1:" + port(side) + path);
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext side, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(side, path)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext side, String path, Object body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(uri(side, path))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(15))
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
