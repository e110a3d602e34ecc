package io.candor.standalone.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.candor.events.Certainty;
import io.candor.events.Channel;
import io.candor.events.Commitment;
import io.candor.events.CompanySignal;
import io.candor.events.ContactRole;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.InterviewerRole;
import io.candor.events.LessonCategory;
import io.candor.events.Reason;
import io.candor.events.SearchOutcome;
import io.candor.events.Source;
import io.candor.events.TeamRole;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Every endpoint of the launcher, as PRODUCT.md's REST contract and the command side's {@code *Requests} records
 * describe them: method, path template and, for a command, the shape of a valid body (each field with a generator
 * of valid values), so that a good share of what the test sends is nearly valid and reaches the aggregates' rules.
 * Placeholders: {@code {c}} a candidate id, {@code {o}} an opportunity id, {@code {r}} an interview round.
 */
public final class Endpoints {

    public enum Kind {
        /** A command of the command API: on 2xx it stored events, on anything else nothing. */
        COMMAND,
        /** A view of the query API. */
        VIEW,
        /** A page of the dashboard (HTML). */
        PAGE,
        /** A command posted through the dashboard's forwarding to the command side. */
        FORWARDED,
        /** Actuator, OpenAPI, Swagger UI, static files, paths nobody mapped. */
        OTHER
    }

    /** One endpoint; {@code body} is null for those that take none. */
    public record Endpoint(String method, String template, Kind kind, Map<String, Function<Random, JsonNode>> body) {

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private Endpoints() {
    }

    public static final List<Endpoint> COMMANDS = List.of(
            command("/api/candidates", fields("displayName", name(), "email", email(), "employed", bool(),
                    "firmId", oneOf("acme-staffing", "firm.1", "independent"), "registeredAt", instant())),
            command("/api/candidates/{c}/search/start", fields("startedAt", instant())),
            command("/api/candidates/{c}/search/end", fields("outcome", enumOf(SearchOutcome.class),
                    "endedAt", instant())),
            command("/api/candidates/{c}/employment", fields("employed", bool(), "changedAt", instant())),
            command("/api/candidates/{c}/team", fields("member", person(), "role", enumOf(TeamRole.class),
                    "commitment", enumOf(Commitment.class), "helpsWith", text(), "addedAt", instant())),
            command("/api/candidates/{c}/team/release", fields("member", person(), "thanks", message(),
                    "releasedAt", instant())),
            command("/api/candidates/{c}/erasure", fields("erasedAt", instant())),
            command("/api/candidates/{c}/opportunities", fields("company", name(), "role", name(),
                    "source", enumOf(Source.class), "channel", enumOf(Channel.class), "receivedAt", instant(),
                    "interest", enumOf(Interest.class), "referrer", person(),
                    "companySignals", enumArray(CompanySignal.class))),
            command("/api/opportunities/{o}/interviews", fields("scheduledFor", instant(),
                    "channel", enumOf(Channel.class), "agreedAt", instant())),
            command("/api/opportunities/{o}/interviews/{r}/reschedule", fields("scheduledFor", instant(),
                    "reason", enumOf(Reason.class), "explanation", text(), "channel", enumOf(Channel.class),
                    "message", message(), "notifiedAt", instant())),
            command("/api/opportunities/{o}/interviews/{r}/cancel", fields("reason", enumOf(Reason.class),
                    "explanation", text(), "channel", enumOf(Channel.class), "message", message(),
                    "decidedAt", instant(), "notifiedAt", instant())),
            command("/api/opportunities/{o}/interviews/{r}/attendance", fields("attendedAt", instant(),
                    "interviewers", interviewers(), "questions", texts(), "resumeClarifications", texts(),
                    "insights", texts(), "fit", enumOf(Fit.class))),
            command("/api/opportunities/{o}/interviews/{r}/missed", fields("explanation", text())),
            command("/api/opportunities/{o}/decline", fields("reason", enumOf(Reason.class),
                    "certainty", enumOf(Certainty.class), "channel", enumOf(Channel.class), "message", message(),
                    "explanation", text(), "referredCandidate", person(), "decidedAt", instant(),
                    "notifiedAt", instant())),
            command("/api/opportunities/{o}/withdrawal", fields("reason", enumOf(Reason.class),
                    "channel", enumOf(Channel.class), "message", message(), "explanation", text(),
                    "withdrawnAt", instant())),
            command("/api/opportunities/{o}/rejection", fields("feedback", text(), "rejectedAt", instant())),
            command("/api/opportunities/{o}/offer", fields("salary", salary(), "currency",
                    oneOf("EUR", "USD", "GBP"), "respondBy", instant(), "receivedAt", instant())),
            command("/api/opportunities/{o}/offer/decline", fields("reason", enumOf(Reason.class),
                    "channel", enumOf(Channel.class), "message", message(), "explanation", text(),
                    "declinedAt", instant())),
            command("/api/opportunities/{o}/offer/accept", fields("acceptedAt", instant())),
            command("/api/opportunities/{o}/alternative-position", fields("role", name(), "proposedAt", instant())),
            command("/api/opportunities/{o}/lessons", fields("category", enumOf(LessonCategory.class),
                    "text", text(), "learnedAt", instant())),
            command("/api/opportunities/{o}/contacts", fields("contact", person(), "title", name(),
                    "role", enumOf(ContactRole.class), "metAt", instant(), "note", text())),
            command("/api/opportunities/{o}/notes", fields("text", text(), "notedAt", instant())));

    public static final List<Endpoint> VIEWS = List.of(
            get("/api/candidates", Kind.VIEW), get("/api/candidates/{c}", Kind.VIEW),
            get("/api/opportunities/{o}", Kind.VIEW), get("/api/candidates/{c}/pipeline", Kind.VIEW),
            get("/api/candidates/{c}/funnel", Kind.VIEW), get("/api/candidates/{c}/contacts", Kind.VIEW),
            get("/api/candidates/{c}/lessons", Kind.VIEW), get("/api/candidates/{c}/timeline", Kind.VIEW),
            get("/api/candidates/{c}/timeline/export", Kind.VIEW), get("/api/candidates/{c}/integrity", Kind.VIEW),
            get("/api/firms/{c}/analytics", Kind.VIEW));

    public static final List<Endpoint> PAGES = List.of(
            get("/", Kind.PAGE), get("/candidates/{c}", Kind.PAGE), get("/opportunities/{o}", Kind.PAGE),
            get("/candidates/{c}/contacts", Kind.PAGE), get("/candidates/{c}/lessons", Kind.PAGE),
            get("/candidates/{c}/timeline", Kind.PAGE));

    public static final List<Endpoint> OTHERS = List.of(
            get("/actuator", Kind.OTHER), get("/actuator/health", Kind.OTHER),
            get("/actuator/health/views", Kind.OTHER), get("/actuator/health/{c}", Kind.OTHER),
            get("/actuator/info", Kind.OTHER), get("/actuator/metrics", Kind.OTHER),
            get("/actuator/metrics/{c}", Kind.OTHER), get("/actuator/metrics/http.server.requests", Kind.OTHER),
            get("/actuator/prometheus", Kind.OTHER), new Endpoint("POST", "/actuator/shutdown", Kind.OTHER, null),
            get("/v3/api-docs", Kind.OTHER), get("/v3/api-docs/{c}", Kind.OTHER),
            get("/swagger-ui.html", Kind.OTHER), get("/swagger-ui/index.html", Kind.OTHER),
            get("/dashboard/dashboard.js", Kind.OTHER), get("/dashboard/{c}", Kind.OTHER),
            get("/error", Kind.OTHER), get("/{c}", Kind.OTHER), new Endpoint("POST", "/api/{c}", Kind.OTHER, null));

    /** The dashboard's forms post the same commands through the query side's own origin. */
    public static Endpoint forwarded(Endpoint command) {
        return new Endpoint(command.method(), "/dashboard/command-side" + command.template(), Kind.FORWARDED,
                command.body());
    }

    private static Endpoint command(String template, Map<String, Function<Random, JsonNode>> body) {
        return new Endpoint("POST", template, Kind.COMMAND, body);
    }

    private static Endpoint get(String template, Kind kind) {
        return new Endpoint("GET", template, kind, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Function<Random, JsonNode>> fields(Object... namesAndValues) {
        Map<String, Function<Random, JsonNode>> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], (Function<Random, JsonNode>) namesAndValues[i + 1]);
        }
        return fields;
    }

    private static Function<Random, JsonNode> oneOf(String... values) {
        return random -> JSON.textNode(values[random.nextInt(values.length)]);
    }

    private static Function<Random, JsonNode> name() {
        return oneOf("Contoso", "Ana Silva", "Data Engineer", "Fabrikam Ltd", "Zoë Ærøskøbing", "李小龙", "O'Brien & Co");
    }

    private static Function<Random, JsonNode> email() {
        return oneOf("ana@example.org", "x@y.io", "first.last+tag@example.com");
    }

    private static Function<Random, JsonNode> text() {
        return oneOf("Asked about Kafka.", "The role changed midway.", "Good questions on SQL windows.",
                "Their timeline is three weeks.");
    }

    /** Messages that pass, and some that break, NO_DEROGATORY_REMARKS and WITHDRAW_WITH_THANKS. */
    private static Function<Random, JsonNode> message() {
        return oneOf("Thank you for your time; I have to cancel.", "Thank you for your time and the conversation.",
                "I am no longer interested.", "Your office is a joke.", "Thanks for your time!");
    }

    private static Function<Random, JsonNode> bool() {
        return random -> JSON.booleanNode(random.nextBoolean());
    }

    /** Around 2026-03-01, up to two weeks either way, so interviews fall before and after "notified". */
    private static Function<Random, JsonNode> instant() {
        return random -> JSON.textNode(NOW.plusSeconds((random.nextInt(28 * 24) - 14 * 24) * 3600L).toString());
    }

    private static Function<Random, JsonNode> enumOf(Class<? extends Enum<?>> type) {
        return random -> {
            Enum<?>[] values = type.getEnumConstants();
            return JSON.textNode(values[random.nextInt(values.length)].name());
        };
    }

    private static Function<Random, JsonNode> enumArray(Class<? extends Enum<?>> type) {
        return random -> {
            ArrayNode array = JSON.arrayNode();
            for (int i = random.nextInt(3); i > 0; i--) {
                array.add(enumOf(type).apply(random));
            }
            return array;
        };
    }

    private static Function<Random, JsonNode> person() {
        return random -> {
            ObjectNode person = JSON.objectNode();
            person.set("name", name().apply(random));
            if (random.nextBoolean()) {
                person.set("email", email().apply(random));
            }
            return person;
        };
    }

    private static Function<Random, JsonNode> interviewers() {
        return random -> {
            ArrayNode array = JSON.arrayNode();
            for (int i = random.nextInt(3); i > 0; i--) {
                ObjectNode interviewer = (ObjectNode) person().apply(random);
                interviewer.set("title", name().apply(random));
                interviewer.set("role", enumOf(InterviewerRole.class).apply(random));
                array.add(interviewer);
            }
            return array;
        };
    }

    private static Function<Random, JsonNode> texts() {
        return random -> {
            ArrayNode array = JSON.arrayNode();
            for (int i = random.nextInt(3); i > 0; i--) {
                array.add(text().apply(random));
            }
            return array;
        };
    }

    private static Function<Random, JsonNode> salary() {
        return random -> JSON.numberNode(new java.math.BigDecimal(40_000 + random.nextInt(100_000)));
    }
}
