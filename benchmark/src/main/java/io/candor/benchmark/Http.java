package io.candor.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP/1.1 JSON client of the launcher, timing each exchange. */
final class Http {

    /** One exchange: status, body, and how long it took from send to the last byte. */
    record Exchange(int status, JsonNode body, long nanos) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String id() {
            return body.path("id").asText();
        }

        /** {@code aggregateId:sequence} of the last event the command stored. */
        String position() {
            JsonNode position = body.path("position");
            return position.path("aggregateId").asText() + ":" + position.path("sequence").asLong();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    Exchange post(String path, Object body) {
        try {
            String json = body == null ? "{}" : JSON.writeValueAsString(body);
            return exchange(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the body of " + path, e);
        }
    }

    Exchange get(String pathAndQuery) {
        return exchange(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60))
                .GET().build());
    }

    private Exchange exchange(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            JsonNode body = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
            return new Exchange(response.statusCode(), body, nanos);
        } catch (IOException e) {
            return new Exchange(-1, MissingNode.getInstance(), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
