package io.candor.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tests only: JSON commands over real HTTP to one running command side, with any extra headers. */
final class ApiClient {

    static final Instant START = Instant.parse("2026-02-01T09:00:00Z");

    /** A response: status, headers of interest, and the body as JSON (empty object when it is not JSON). */
    record Reply(int status, HttpResponse<String> raw, JsonNode body) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final int port;

    ApiClient(ObjectMapper json, int port) {
        this.json = json;
        this.port = port;
    }

    Reply post(String path, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.headers().firstValue("Content-Type").orElse("").contains("json")
                    ? json.readTree(response.body()) : json.createObjectNode();
            return new Reply(response.statusCode(), response, parsed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A registered candidate's id. */
    String candidate() {
        return created(post("/api/candidates", body("displayName", "Ben Okafor", "email", "ben@example.org",
                "employed", false)));
    }

    /** An opportunity of a new candidate, invited by e-mail. */
    String opportunity() {
        return created(post("/api/candidates/" + candidate() + "/opportunities", body("company", "Tailspin",
                "role", "Analyst", "source", "REFERRAL", "channel", "EMAIL", "receivedAt", at(0),
                "interest", "UNSURE")));
    }

    /** An opportunity whose offer is open: invited, interviewed once, offered. */
    String openOffer() {
        String opportunity = opportunity();
        expect(post("/api/opportunities/" + opportunity + "/interviews", body("scheduledFor", at(5),
                "channel", "EMAIL", "agreedAt", at(2))), 201);
        expect(post("/api/opportunities/" + opportunity + "/interviews/1/attendance",
                body("attendedAt", at(5))), 200);
        expect(post("/api/opportunities/" + opportunity + "/offer",
                body("salary", 100000, "currency", "EUR", "receivedAt", at(9))), 200);
        return opportunity;
    }

    static String at(int days) {
        return START.plus(Duration.ofDays(days)).toString();
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static String created(Reply reply) {
        expect(reply, 201);
        return reply.body().path("id").asText();
    }

    private static void expect(Reply reply, int status) {
        if (reply.status() != status) {
            throw new AssertionError("expected " + status + " but got " + reply.status() + ": " + reply.body());
        }
    }
}
