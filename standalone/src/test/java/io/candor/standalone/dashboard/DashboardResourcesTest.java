package io.candor.standalone.dashboard;

import io.candor.standalone.CandorStandalone;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.util.pattern.PathPatternParser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's static files and scripts are served where its pages link them, and a page's own links are not
 * taken for static resources: Spring looks every link a page builds up among its resources first, across the
 * whole class path, which made the list of 1,000 candidates take 350 ms to render.
 */
@SpringBootTest(classes = CandorStandalone.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"candor.embedded.enabled=true", "candor.embedded.in-memory=true"})
class DashboardResourcesTest {

    private static final Pattern STATIC_LINK = Pattern.compile("(?:href|src)=\"(/(?:dashboard|webjars)/[^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    ResourceUrlProvider resources;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theStylesAndScriptsThePagesLink_areServed() throws Exception {
        List<String> linked = new ArrayList<>();
        Matcher links = STATIC_LINK.matcher(get("/").body());
        while (links.find()) {
            linked.add(links.group(1));
        }

        assertThat(linked).contains("/dashboard/dashboard.css", "/dashboard/dashboard.js")
                .anyMatch(link -> link.startsWith("/webjars/htmx.org/"))
                .anyMatch(link -> link.startsWith("/webjars/chart.js/"));
        for (String link : linked) {
            HttpResponse<String> response = get(link);
            assertThat(response.statusCode()).as(link).isEqualTo(200);
            assertThat(response.body()).as(link).isNotBlank();
        }
    }

    @Test
    void aPagesLinks_areNotLookedUpAmongTheStaticResources() {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        for (String link : List.of("/candidates/c-1", "/candidates/c-1/timeline", "/opportunities/o-1", "/")) {
            assertThat(resources.getHandlerMap().keySet()).as(link)
                    .noneMatch(pattern -> parser.parse(pattern).matches(PathContainer.parsePath(link)));
        }
    }
}
