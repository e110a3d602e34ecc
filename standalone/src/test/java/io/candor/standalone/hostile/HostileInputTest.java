package io.candor.standalone.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.candor.standalone.CandorStandalone;
import io.candor.standalone.hostile.Endpoints.Kind;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against every endpoint of the launcher (both sides in one process, the embedded MongoDB-wire
 * server in memory over a real socket): thousands of random and malformed methods, paths, query strings, headers,
 * bodies and lengths, sent one at a time over a raw socket. Whatever arrives:
 * <ul>
 *   <li>the status is never 5xx, except the documented 503 with {@code Retry-After} of a read that asked to wait
 *       for an event (well-formed {@code waitFor}) the view has not applied: here, one that was never written;
 *       and Tomcat's 501 for a {@code Transfer-Encoding} it does not implement (RFC 9112, 6.1);</li>
 *   <li>no body shows a stack trace, and no error (nor any API answer) names a Java class, package or exception;</li>
 *   <li>an error is {@code application/problem+json}, never the servlet container's error page; aside: the
 *       dashboard's own "Not found" page, and the actuator's bodiless 404 for an unknown health component or
 *       metric;</li>
 *   <li>nothing is half written: unless a command answers 2xx, the event store ({@code events}) and the command
 *       side's lookup ({@code command_accepted_offers}) hold as many documents after as before; a command that
 *       answers 2xx (not replayed from its {@code Idempotency-Key}) stored at least one event.</li>
 * </ul>
 * The dashboard's forwarding is switched on, pointed at the launcher itself, so the forms' path is covered too.
 * The seed and the number of tries are fixed ({@link HostileSeed}) and can be overridden by system properties.
 * <p>
 * The examples after the property pin down, one each, what it found and what was fixed.
 */
class HostileInputTest {

    /** A frame of a Java stack trace: {@code at some.package.Type.method(}. */
    private static final Pattern STACK_FRAME = Pattern.compile("\\bat [A-Za-z_$][\\w$]*(\\.[\\w$<>]+)+\\(");
    private static final List<String> JAVA_NAMES = List.of("Exception", "Caused by", "java.", "javax.", "jakarta.",
            "org.springframework", "org.apache", "com.fasterxml", "org.axonframework", "com.mongodb", "io.candor",
            "de.bwaldvogel", "Whitelabel", "Tomcat");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConfigurableApplicationContext app;
    private static RawHttp http;
    private static StoreCounts store;
    private static final List<String> candidates = new ArrayList<>();
    private static final List<String> opportunities = new ArrayList<>();

    @BeforeContainer
    static void startTheLauncher() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        app = new SpringApplicationBuilder(CandorStandalone.class).run(
                "--server.port=" + port,
                "--candor.embedded.enabled=true",
                "--candor.embedded.in-memory=true",
                "--candor.dashboard.command-side-url=http://127.0.0.1:" + port,
                "--candor.query.wait-timeout=200ms",
                "--axoniq.update-checker.disabled=true",
                "--spring.main.banner-mode=off");
        http = new RawHttp(port);
        store = new StoreCounts(app.getBean("candorDatabase", MongoDatabase.class));
        seedSomeHistory();
    }

    @AfterContainer
    static void stopTheLauncher() {
        if (app != null) {
            app.close();
        }
    }

    @Provide
    Arbitrary<HostileRequest> requests() {
        return HostileRequests.requests();
    }

    @Property(shrinking = ShrinkingMode.OFF)
    @AddLifecycleHook(HostileSeed.class)
    void noRequest_getsA5xx_aStackTrace_aContainerErrorPage_orAPartialWrite(
            @ForAll("requests") HostileRequest request) throws IOException {
        StoreCounts.Counts before = store.counts();
        String target = request.target(candidates, opportunities);
        RawHttp.Answer answer = http.send(request.method(), target, request.headers(), request.body(),
                request.length().header(request.body().length));
        StoreCounts.Counts after = store.counts();

        List<String> faults = faults(request, target, answer, before, after);
        Statistics.label("answers").collect(request.endpoint().kind(), answer.status());

        assertThat(faults).as("%s%n  sent to %s%n  answered %d %s%n  %s", request,
                HostileRequest.abbreviate(target), answer.status(), answer.headers(),
                HostileRequest.abbreviate(answer.text())).isEmpty();
        remember(request, answer);
    }

    @Example
    void aCommandWithAnAcceptItCannotMeet_isRefusedBeforeItStoresAnEvent() throws IOException {
        StoreCounts.Counts before = store.counts();

        RawHttp.Answer answer = post("/api/candidates", REGISTRATION, "Accept", "image/png");

        assertProblem(answer, 406);
        assertThat(store.counts()).isEqualTo(before);
    }

    @Example
    void aFieldGivenTwice_firstAsNull_isA400_notA500() throws IOException {
        RawHttp.Answer answer = post("/api/opportunities/" + opportunities.get(0) + "/notes",
                "{\"notedAt\":null,\"text\":\"x\",\"notedAt\":\"2026-03-01T09:00:00Z\"}");

        assertProblem(answer, 400);
        assertThat(answer.text()).contains("\"field\":\"body\"");
    }

    @Example
    void anOpportunityCommandOnACandidatesId_isA404_evenWithTheCandidateInTheAggregateCache() throws IOException {
        String candidate = JSON.readTree(post("/api/candidates", REGISTRATION).body()).path("id").asText();
        StoreCounts.Counts before = store.counts();

        RawHttp.Answer answer = post("/api/opportunities/" + candidate + "/offer/decline",
                "{\"reason\":\"COMPENSATION\",\"channel\":\"EMAIL\",\"message\":\"Thank you.\"}");

        assertProblem(answer, 404);
        assertThat(store.counts()).isEqualTo(before);
    }

    @Example
    void aReadThatClaimsAMultipartBody_isAnsweredAsUsual() throws IOException {
        RawHttp.Answer answer = http.send("GET", "/api/candidates", RawHttp.headers("Content-Type",
                "multipart/form-data"), new byte[0], null);

        assertThat(answer.status()).isEqualTo(200);
    }

    @Example
    void aBodyShorterThanItsContentLength_isA400Problem_notSpringBootsErrorJson() throws IOException {
        byte[] body = REGISTRATION.getBytes(StandardCharsets.UTF_8);
        StoreCounts.Counts before = store.counts();

        RawHttp.Answer answer = http.send("POST", "/api/candidates", RawHttp.headers("Content-Type",
                "application/json"), body, String.valueOf(body.length + 17));

        assertProblem(answer, 400);
        assertThat(store.counts()).isEqualTo(before);
    }

    @Example
    void theErrorPathAskedDirectly_isA404Problem() throws IOException {
        assertProblem(http.send("GET", "/error", List.of(), new byte[0], null), 404);
    }

    @Example
    void anAcceptHeaderThatIsNoMediaType_isA400Problem_namingIt() throws IOException {
        RawHttp.Answer answer = http.send("GET", "/api/candidates/" + candidates.get(0) + "/nothing-here",
                RawHttp.headers("Accept", "text/html;q=garbage"), new byte[0], null);

        assertProblem(answer, 400);
        assertThat(answer.text()).contains("\"field\":\"Accept\"");
    }

    @Example
    void aWildcardContentType_isA415_onACommand_throughTheDashboard_andOnTheActuator() throws IOException {
        assertProblem(post("/dashboard/command-side/api/candidates", REGISTRATION, "Content-Type", "*/*"), 415);
        assertProblem(http.send("GET", "/actuator/health", RawHttp.headers("Content-Type", "*/*"), new byte[0],
                null), 415);
    }

    @Example
    void whatTomcatRefusesBeforeTheApplication_isAProblemToo_neverItsHtmlPage() throws IOException {
        assertProblem(http.send("GET", "/api/candidates/%zz", List.of(), new byte[0], null), 400);
        assertProblem(http.send("GET", "/api/candidates", RawHttp.headers("Expect", "garbage"), new byte[0],
                null), 417);
        assertProblem(http.send("GET", "/api/candidates", RawHttp.headers("X-Filler", "f".repeat(20_000)),
                new byte[0], null), 400);
    }

    private static final String REGISTRATION =
            "{\"displayName\":\"Regression\",\"email\":\"r@example.org\",\"employed\":false}";

    private static RawHttp.Answer post(String path, String body, String... headers) throws IOException {
        List<String[]> all = new ArrayList<>(RawHttp.headers("Content-Type", "application/json"));
        for (String[] header : RawHttp.headers(headers)) {
            all.removeIf(existing -> existing[0].equalsIgnoreCase(header[0]));
            all.add(header);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return http.send("POST", path, all, bytes, String.valueOf(bytes.length));
    }

    private static void assertProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.text()).contains("\"status\":" + status).doesNotContain("Exception", "java.");
    }

    static List<String> faults(HostileRequest request, String target, RawHttp.Answer answer,
                               StoreCounts.Counts before, StoreCounts.Counts after) {
        List<String> faults = new ArrayList<>();
        int status = answer.status();
        if (status == 0) {
            faults.add("no answer at all");
            return faults;
        }
        if (status >= 500 && !documentedViewBehind(request, answer) && !unknownTransferCoding(request, answer)) {
            faults.add("a " + status);
        }
        String body = answer.text();
        if (STACK_FRAME.matcher(body).find()) {
            faults.add("a stack trace in the body");
        }
        boolean api = target.startsWith("/api/") || target.startsWith("/dashboard/command-side/");
        if (status >= 400 || api) {
            JAVA_NAMES.stream().filter(body::contains).forEach(name -> faults.add("'" + name + "' in the body"));
        }
        if (status >= 400 && !"HEAD".equals(request.method())) {
            String contentType = String.valueOf(answer.header("Content-Type")).toLowerCase(Locale.ROOT);
            boolean dashboardNotFound = request.endpoint().kind() == Kind.PAGE && status == 404
                    && contentType.startsWith("text/html") && body.contains("<h1>Not found</h1>");
            boolean actuatorNotFound = target.startsWith("/actuator/") && status == 404 && body.isEmpty();
            if (!contentType.startsWith("application/problem+json") && !dashboardNotFound && !actuatorNotFound) {
                faults.add("an error as " + answer.header("Content-Type") + ", not application/problem+json");
            }
        }
        boolean command = request.endpoint().kind() == Kind.COMMAND || request.endpoint().kind() == Kind.FORWARDED;
        boolean stored = command && "POST".equals(request.method()) && status / 100 == 2;
        if (!stored && !after.equals(before)) {
            faults.add("a write without success: " + before + " -> " + after);
        }
        if (stored && !"true".equals(answer.header("Idempotent-Replayed")) && after.events() <= before.events()) {
            faults.add("a " + status + " for a command that stored no event");
        }
        return faults;
    }

    /** The one 503 the contract has: a read asked to wait for an event its view has not applied. */
    private static boolean documentedViewBehind(HostileRequest request, RawHttp.Answer answer) {
        return answer.status() == 503 && answer.header("Retry-After") != null
                && String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json")
                && (request.query().contains("waitFor=") || request.header("Candor-Wait-For") != null);
    }

    /**
     * Tomcat answers a {@code Transfer-Encoding} it does not implement (here {@code identity}, dropped from HTTP/1.1)
     * with 501 before the application sees the request, as RFC 9112 section 6.1 asks; with a problem+json body.
     */
    private static boolean unknownTransferCoding(HostileRequest request, RawHttp.Answer answer) {
        return answer.status() == 501 && request.header("Transfer-Encoding") != null
                && String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    /** Ids the commands created join the pool that later paths pick from. */
    private static void remember(HostileRequest request, RawHttp.Answer answer) throws IOException {
        if (answer.status() != 201 || !"POST".equals(request.method())
                || !String.valueOf(answer.header("Content-Type")).startsWith("application/json")) {
            return;
        }
        JsonNode id = JSON.readTree(answer.body()).path("id");
        String template = request.endpoint().template();
        if (template.endsWith("/api/candidates")) {
            candidates.add(id.asText());
        } else if (template.endsWith("/opportunities") || template.endsWith("/alternative-position")) {
            opportunities.add(id.asText());
        }
    }

    /** A candidate with opportunities in each open stage, for the commands to work on. */
    private static void seedSomeHistory() throws IOException {
        String candidate = created("/api/candidates",
                "{\"displayName\":\"Hostile Tester\",\"email\":\"tester@example.org\",\"employed\":true}");
        candidates.add(candidate);
        for (int i = 0; i < 4; i++) {
            opportunities.add(created("/api/candidates/" + candidate + "/opportunities", "{\"company\":\"Contoso "
                    + i + "\",\"role\":\"Analyst\",\"source\":\"DIRECT\",\"channel\":\"EMAIL\","
                    + "\"receivedAt\":\"2026-02-01T09:00:00Z\",\"interest\":\"INTERESTED\"}"));
        }
        for (String opportunity : opportunities.subList(1, 4)) {
            command("/api/opportunities/" + opportunity + "/interviews",
                    "{\"scheduledFor\":\"2026-02-10T09:00:00Z\",\"channel\":\"EMAIL\",\"agreedAt\":\"2026-02-02T09:00:00Z\"}");
        }
        for (String opportunity : opportunities.subList(2, 4)) {
            command("/api/opportunities/" + opportunity + "/interviews/1/attendance",
                    "{\"attendedAt\":\"2026-02-10T09:00:00Z\",\"fit\":\"GOOD\"}");
        }
        command("/api/opportunities/" + opportunities.get(3) + "/offer",
                "{\"salary\":90000,\"currency\":\"EUR\",\"receivedAt\":\"2026-02-12T09:00:00Z\"}");
    }

    private static String created(String path, String body) throws IOException {
        return JSON.readTree(command(path, body).body()).path("id").asText();
    }

    private static RawHttp.Answer command(String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = http.send("POST", path, RawHttp.headers("Content-Type", "application/json"), bytes,
                String.valueOf(bytes.length));
        assertThat(answer.status()).as("%s %s", path, answer.text()).isBetween(200, 299);
        return answer;
    }
}
