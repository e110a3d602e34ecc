package io.candor.standalone.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.candor.standalone.hostile.Endpoints.Endpoint;
import io.candor.standalone.hostile.HostileRequest.Id;
import io.candor.standalone.hostile.HostileRequest.Length;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * The generators of {@link HostileRequest}s. Roughly: two in three requests go to a command (directly or through
 * the dashboard's forwarding) with a body derived from a valid one, the rest to the views, pages and operations
 * endpoints; most use the endpoint's own method, ids the run created and honest headers, and each of those parts
 * is sometimes replaced by something hostile.
 */
final class HostileRequests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final int BODY_LIMIT = 64 * 1024;

    private HostileRequests() {
    }

    static Arbitrary<HostileRequest> requests() {
        return endpoints().flatMap(endpoint -> Combinators.combine(method(endpoint), id(Id.Kind.CANDIDATE),
                        id(Id.Kind.OPPORTUNITY), round(), pathSuffix(), query(), headers(endpoint), body(endpoint))
                .as((method, candidate, opportunity, round, suffix, query, headers, body) -> new HostileRequest(
                        endpoint, method, candidate, opportunity, round, suffix, query, headers, body.get1(),
                        body.get2())));
    }

    private static Arbitrary<Endpoint> endpoints() {
        List<Endpoint> forwarded = Endpoints.COMMANDS.stream().map(Endpoints::forwarded).toList();
        return Arbitraries.frequencyOf(
                Tuple.of(55, Arbitraries.of(Endpoints.COMMANDS)),
                Tuple.of(8, Arbitraries.of(forwarded)),
                Tuple.of(20, Arbitraries.of(Endpoints.VIEWS)),
                Tuple.of(7, Arbitraries.of(Endpoints.PAGES)),
                Tuple.of(10, Arbitraries.of(Endpoints.OTHERS)));
    }

    private static Arbitrary<String> method(Endpoint endpoint) {
        return Arbitraries.frequencyOf(
                Tuple.of(85, Arbitraries.just(endpoint.method())),
                Tuple.of(15, Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
                        "PROPFIND", "get", "FOO_BAR")));
    }

    private static Arbitrary<Id> id(Id.Kind own) {
        Id.Kind other = own == Id.Kind.CANDIDATE ? Id.Kind.OPPORTUNITY : Id.Kind.CANDIDATE;
        return Arbitraries.frequencyOf(
                Tuple.of(70, Arbitraries.integers().between(0, 1000).map(i -> new Id(own, i, null))),
                Tuple.of(5, Arbitraries.integers().between(0, 1000).map(i -> new Id(other, i, null))),
                Tuple.of(25, literalId().map(literal -> new Id(Id.Kind.LITERAL, 0, literal))));
    }

    private static Arbitrary<String> literalId() {
        return Arbitraries.oneOf(
                uuids(),
                uuids().map(String::toUpperCase),
                Arbitraries.of("00000000-0000-0000-0000-000000000000", "not-an-id", "..", ".", "%2e%2e", "%2F",
                        "a%2Fb", "%00", "%", "%zz", "%C0%AE", "%F0%9F%92%A9", "%E2%80%AE", "1", "-1",
                        "9223372036854775808", "null", "undefined", "{id}", "%7Bid%7D", "a;b=c", "~", "%20",
                        "id%0D%0ASet-Cookie:x=1", "zoë", "名前", "🙂", "\\", "a%5Cb", "'%20OR%201=1--", "$where",
                        "%24where", "{\"$gt\":\"\"}"),
                Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1000).ofMaxLength(9000),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12).map(HostileRequests::percentEncoded));
    }

    /** UUIDs from jqwik's random source, so that a seed repeats them. */
    private static Arbitrary<String> uuids() {
        return Arbitraries.randoms().map(random -> new UUID(random.nextLong(), random.nextLong()).toString());
    }

    /** Any string, percent-encoded byte for byte, so it reaches the path as the server decodes it. */
    private static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(String.format("%02X", b & 0xff));
        }
        return encoded.toString();
    }

    private static Arbitrary<String> round() {
        return Arbitraries.frequencyOf(
                Tuple.of(80, Arbitraries.of("1", "2", "1", "3")),
                Tuple.of(20, Arbitraries.of("0", "-1", "2147483648", "99999999999999999999", "1.5", "one", "%00",
                        "1e3", "0x1", "%2B1", "+1", "١")));
    }

    private static Arbitrary<String> pathSuffix() {
        return Arbitraries.frequencyOf(
                Tuple.of(88, Arbitraries.just("")),
                Tuple.of(12, Arbitraries.of("/", "//", "/..", "/../..", "/%2e%2e/actuator/health", "/..%2F..%2Factuator",
                        "%2F", "/%", "/%zz", ";jsessionid=abc", ";a=b/c", "/extra", "/%C3%BF", "/%FF%FE", ".json",
                        "/%00", "/./", "?", "#frag")));
    }

    private static Arbitrary<String> query() {
        return Arbitraries.frequencyOf(
                Tuple.of(70, Arbitraries.just("")),
                Tuple.of(30, Arbitraries.of("?waitFor=garbage", "?waitFor=", "?waitFor=:", "?waitFor=a:-1",
                        "?waitFor=a:99999999999999999999", "?waitFor=a:1,,b", "?waitFor=%zz", "?waitFor=%00:1",
                        "?asOf=garbage", "?asOf=", "?asOf=2026-03-01T09:00:00Z", "?asOf=+999999999-12-31T23:59:59Z",
                        "?asOf=-999999999-01-01T00:00:00Z", "?asOf=2026-02-30T09:00:00Z", "?knownAt=yesterday",
                        "?knownAt=1700000000", "?asOf=2026-03-01T09:00:00%2B01:00", "?asOf=%", "?a=%", "?%=%",
                        "?asOf=1&asOf=2", "?knownAt[]=x", "?waitFor=" + "x".repeat(5000) + ":1",
                        "?asOf=2026-03-01T09:00&knownAt=2026-03-01T09:00", "?" + "a=1&".repeat(2000),
                        "?page=-1&size=99999999999")));
    }

    private static Arbitrary<List<String[]>> headers(Endpoint endpoint) {
        boolean hasBody = endpoint.body() != null;
        Arbitrary<Optional<String[]>> contentType = Arbitraries.frequencyOf(
                Tuple.of(hasBody ? 80 : 10, Arbitraries.just(header("Content-Type", "application/json"))),
                Tuple.of(hasBody ? 5 : 60, Arbitraries.just(Optional.<String[]>empty())),
                Tuple.of(15, Arbitraries.of("application/json;charset=UTF-16", "application/json; charset=garbage",
                        "text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data", "multipart/form-data; boundary=", "}{", "", "application/",
                        "application/json; a", "*/*", "application/problem+json", "application/merge-patch+json",
                        "text/html; charset=utf-8").map(value -> header("Content-Type", value))));
        Arbitrary<Optional<String[]>> accept = Arbitraries.frequencyOf(
                Tuple.of(70, Arbitraries.just(Optional.<String[]>empty())),
                Tuple.of(30, Arbitraries.of("application/json", "application/problem+json", "text/html", "*/*",
                        "application/xml", "text/csv", "image/png", "garbage", "text/html;q=garbage", "*/*;q=0",
                        "application/x-ndjson", "", ";;;", "application/json, */*;q=0.1")
                        .map(value -> header("Accept", value))));
        Arbitrary<Optional<String[]>> waitFor = Arbitraries.frequencyOf(
                Tuple.of(90, Arbitraries.just(Optional.<String[]>empty())),
                Tuple.of(10, Arbitraries.of("garbage", ":", "a:b", ",,,", "x:-5", "x:1e9", "é:1",
                        "x".repeat(7000) + ":1").map(value -> header("Candor-Wait-For", value))));
        Arbitrary<Optional<String[]>> idempotencyKey = Arbitraries.frequencyOf(
                Tuple.of(75, Arbitraries.just(Optional.<String[]>empty())),
                Tuple.of(10, uuids().map(key -> header("Idempotency-Key", key))),
                Tuple.of(10, Arbitraries.of("reused-1", "reused-2", "reused-3")
                        .map(value -> header("Idempotency-Key", value))),
                Tuple.of(5, Arbitraries.of("", " ", "has space", "ключ", "k".repeat(256), "k".repeat(5000), "\t")
                        .map(value -> header("Idempotency-Key", value))));
        Arbitrary<Optional<String[]>> other = Arbitraries.frequencyOf(
                Tuple.of(85, Arbitraries.just(Optional.<String[]>empty())),
                Tuple.of(15, Arbitraries.of(
                        new String[]{"X-Filler", "f".repeat(6000)},
                        new String[]{"X-Filler", "f".repeat(20000)},
                        new String[]{"Cookie", "a=" + "b".repeat(3000)},
                        new String[]{"Content-Encoding", "gzip"},
                        new String[]{"Transfer-Encoding", "identity"},
                        new String[]{"Expect", "100-continue"},
                        new String[]{"Expect", "garbage"},
                        new String[]{"Accept-Charset", "utf-99"},
                        new String[]{"Accept-Language", "xx-YY;q=garbage"},
                        new String[]{"Range", "bytes=5-1"},
                        new String[]{"If-None-Match", "\"garbage"},
                        new String[]{"If-Modified-Since", "yesterday"},
                        new String[]{"Origin", "http://evil.example"},
                        new String[]{"X-Forwarded-Prefix", "/%zz"},
                        new String[]{"Forwarded", "for=\"[garbage"},
                        new String[]{"X-Unicode", "zoë 名前 🙂"}).map(Optional::of)));
        return Combinators.combine(contentType, accept, waitFor, idempotencyKey, other).as((a, b, c, d, e) -> {
            List<String[]> headers = new ArrayList<>();
            for (Optional<String[]> header : List.of(a, b, c, d, e)) {
                header.ifPresent(headers::add);
            }
            return headers;
        });
    }

    private static Optional<String[]> header(String name, String value) {
        return Optional.of(new String[]{name, value});
    }

    private static Arbitrary<Tuple.Tuple2<byte[], Length>> body(Endpoint endpoint) {
        Arbitrary<Length> length = Arbitraries.frequencyOf(
                Tuple.of(92, Arbitraries.just(Length.EXACT)),
                Tuple.of(2, Arbitraries.just(Length.NONE)),
                Tuple.of(2, Arbitraries.just(Length.SHORTER)),
                Tuple.of(2, Arbitraries.just(Length.LONGER)),
                Tuple.of(2, Arbitraries.just(Length.GARBAGE)));
        Arbitrary<byte[]> body;
        if (endpoint.body() == null) {
            body = Arbitraries.frequencyOf(
                    Tuple.of(80, Arbitraries.just(new byte[0])),
                    Tuple.of(20, Arbitraries.randoms().map(HostileRequests::notJson)));
        } else {
            Arbitrary<Mutation> mutations = Arbitraries.frequencyOf(
                    Tuple.of(30, Arbitraries.just(Mutation.VALID)),
                    Tuple.of(10, Arbitraries.just(Mutation.FIELD_LEFT_OUT)),
                    Tuple.of(60, Arbitraries.of(Mutation.values())));
            body = Combinators.combine(mutations, Arbitraries.randoms())
                    .as((mutation, random) -> mutation.apply(valid(endpoint.body(), random), random));
        }
        return Combinators.combine(body, length).as(Tuple::of);
    }

    private static ObjectNode valid(Map<String, Function<Random, JsonNode>> shape, Random random) {
        ObjectNode body = JSON.objectNode();
        shape.forEach((field, value) -> body.set(field, value.apply(random)));
        return body;
    }

    /** What is done to a valid body. VALID and FIELD_LEFT_OUT are the likeliest: they reach the rules most often. */
    enum Mutation {
        VALID, FIELD_LEFT_OUT, FIELD_NULL, FIELD_MISTYPED, FIELD_HUGE,
        UNKNOWN_ENUM, NUMBER_OUT_OF_RANGE, BAD_INSTANT, UNKNOWN_FIELD, DEEP_NESTING, DUPLICATE_KEY,
        TRAILING_GARBAGE, TRUNCATED, NOT_JSON, EMPTY, OVER_LIMIT, ODD_ROOT, ODD_UNICODE, HUGE_ARRAY;

        byte[] apply(ObjectNode body, Random random) {
            List<String> fields = new ArrayList<>();
            body.fieldNames().forEachRemaining(fields::add);
            String field = fields.isEmpty() ? "x" : fields.get(random.nextInt(fields.size()));
            switch (this) {
                case VALID -> {
                }
                case FIELD_LEFT_OUT -> body.remove(field);
                case FIELD_NULL -> body.putNull(field);
                case FIELD_MISTYPED -> body.set(field, pick(random, JSON.numberNode(42), JSON.textNode("42"),
                        JSON.booleanNode(true), JSON.arrayNode().add("x"), JSON.objectNode().put("a", 1),
                        JSON.numberNode(1.5), JSON.textNode("")));
                case FIELD_HUGE -> body.put(field, "é".repeat(random.nextBoolean() ? 5000 : 30000));
                case UNKNOWN_ENUM -> body.set(field, pick(random, JSON.textNode("NOPE"), JSON.textNode("email"),
                        JSON.textNode(" EMAIL"), JSON.numberNode(0), JSON.textNode("ILLNESS,COMMUTE")));
                case NUMBER_OUT_OF_RANGE -> {
                    return replace(body, field, pick(random, "1e400", "-1e400", "123456789012345678901234567890",
                            "-0", "0.0000000000001", "NaN", "Infinity", "-9223372036854775809", "1e-400",
                            "99999999999999.999"));
                }
                case BAD_INSTANT -> body.set(field, pick(random, JSON.textNode("2026-13-45T99:00:00Z"),
                        JSON.textNode("yesterday"), JSON.numberNode(1700000000L), JSON.numberNode(1e300),
                        JSON.textNode("+1000000000-01-01T00:00:00Z"), JSON.textNode("2026-03-01T09:00:00"),
                        JSON.textNode("-999999999-01-01T00:00:00Z"), JSON.textNode("2026-03-01T09:00:00+25:00")));
                case UNKNOWN_FIELD -> body.put("isAdmin", true);
                case DEEP_NESTING -> {
                    int depth = random.nextBoolean() ? 200 : 5000;
                    return replace(body, field, "[".repeat(depth) + "]".repeat(depth));
                }
                case DUPLICATE_KEY -> {
                    String text = text(body);
                    return text.length() < 2 ? "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)
                            : ("{\"" + field + "\":null," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
                }
                case TRAILING_GARBAGE -> {
                    return (text(body) + pick(random, "}", "garbage", "{}", ",", "\u0000", " // comment"))
                            .getBytes(StandardCharsets.UTF_8);
                }
                case TRUNCATED -> {
                    String text = text(body);
                    return text.substring(0, random.nextInt(Math.max(1, text.length()))).getBytes(StandardCharsets.UTF_8);
                }
                case NOT_JSON -> {
                    return notJson(random);
                }
                case EMPTY -> {
                    return new byte[0];
                }
                case OVER_LIMIT -> {
                    body.put("padding", "p".repeat(random.nextBoolean() ? BODY_LIMIT + 10 : 3 * BODY_LIMIT));
                }
                case ODD_ROOT -> {
                    return pick(random, "[]", "null", "42", "\"text\"", "true", "[{}]", "{}")
                            .getBytes(StandardCharsets.UTF_8);
                }
                case ODD_UNICODE -> {
                    String odd = pick(random, "\\ud800", "\\u0000", "\u202e", "\\udfff\\ud800", "\uFEFF", "\\");
                    String text = text(body).replace("\"" + field + "\":\"", "\"" + field + "\":\"" + odd);
                    return (random.nextBoolean() ? "\uFEFF" + text : text).getBytes(StandardCharsets.UTF_8);
                }
                case HUGE_ARRAY -> {
                    var array = JSON.arrayNode();
                    for (int i = 0; i < 3000; i++) {
                        array.add("x");
                    }
                    body.set(field, array);
                }
            }
            return text(body).getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] replace(ObjectNode body, String field, String rawValue) {
            body.put(field, "@@RAW@@");
            return text(body).replace("\"@@RAW@@\"", rawValue).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static byte[] notJson(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> {
                byte[] bytes = new byte[1 + random.nextInt(300)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 1 -> "<xml><a>1</a></xml>".getBytes(StandardCharsets.UTF_8);
            case 2 -> "displayName=a&email=b&employed=true".getBytes(StandardCharsets.UTF_8);
            case 3 -> "\u0000\u0000\u0000".getBytes(StandardCharsets.UTF_8);
            case 4 -> "{\"a\":".repeat(50).getBytes(StandardCharsets.UTF_8);
            default -> "ÿþ{\"x\":1}".getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    private static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
