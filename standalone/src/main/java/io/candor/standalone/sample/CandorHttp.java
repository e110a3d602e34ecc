package io.candor.standalone.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small client of Candor's REST API. It remembers the position ({@code Candor-Position}) of the last event
 * each command stored, per aggregate, and hands them to every read as {@code waitFor}, so a read after a write
 * sees that write without sleeping.
 */
public final class CandorHttp {

    /** What the server answered: status and JSON body (a missing node when there is none). */
    public record Response(int status, JsonNode body, String contentType) {

        public boolean isSuccess() {
            return status / 100 == 2;
        }

        public String id() {
            return body.path("id").asText();
        }
    }

    /** A command the sample expected to succeed was refused. */
    public static final class UnexpectedResponse extends RuntimeException {
        UnexpectedResponse(String request, Response response) {
            super(request + " answered " + response.status() + ": " + response.body());
        }
    }

    private final URI base;
    private final ObjectMapper json;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Long> positions = new LinkedHashMap<>();

    public CandorHttp(URI base, ObjectMapper json) {
        this.base = base;
        this.json = json;
    }

    /** Sends a command and returns its answer, whatever the status. */
    public Response send(String path, Object body) {
        String text;
        try {
            text = body == null ? "{}" : body instanceof String raw ? raw : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the body of " + path, e);
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build();
        Response response = exchange(request);
        JsonNode position = response.body().path("position");
        if (response.isSuccess() && position.has("aggregateId")) {
            positions.merge(position.get("aggregateId").asText(), position.path("sequence").asLong(), Math::max);
        }
        return response;
    }

    /** Sends a command that must succeed, and returns its body. */
    public JsonNode command(String path, Object body) {
        Response response = send(path, body);
        if (!response.isSuccess()) {
            throw new UnexpectedResponse("POST " + path, response);
        }
        return response.body();
    }

    /** Reads a view after every write this client made has reached it. */
    public Response read(String pathAndQuery) {
        String waitFor = positions.entrySet().stream()
                .map(p -> "waitFor=" + URLEncoder.encode(p.getKey() + ":" + p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        URI uri = base.resolve(waitFor.isEmpty() ? pathAndQuery : pathAndQuery + separator + waitFor);
        return exchange(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json").GET().build());
    }

    /** Reads a view that must exist, and returns its body. */
    public JsonNode view(String pathAndQuery) {
        Response response = read(pathAndQuery);
        if (!response.isSuccess()) {
            throw new UnexpectedResponse("GET " + pathAndQuery, response);
        }
        return response.body();
    }

    private Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank()
                    ? MissingNode.getInstance() : parse(response.body());
            return new Response(response.statusCode(), body,
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException("Candor did not answer " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + request.uri(), e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(body);
        }
    }

    /** A JSON object from alternating names and values; null values are left out. */
    public static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                body.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return body;
    }
}
