package io.candor.standalone;

import io.candor.infrastructure.embedded.EmbeddedMongoServer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Candor process in a child JVM, as an operator runs it, from the main class path (this module's and its
 * dependencies', without test classes): the launcher on its embedded server, the launcher or one side alone on
 * a given MongoDB, or the embedded server as a process of its own. Its output goes to a log file.
 */
final class CandorProcess implements AutoCloseable {

    private final Process process;
    private final int httpPort;
    private final Path log;

    private CandorProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** The launcher on its own embedded server, with its data in {@code dataDirectory}. */
    static CandorProcess start(Path dataDirectory, int httpPort, int mongoPort, Path log) throws IOException {
        return start(CandorStandalone.class, httpPort, log, Map.of(),
                "--candor.embedded.data-dir=" + dataDirectory, "--candor.embedded.port=" + mongoPort);
    }

    /** {@code mainClass} (the launcher, or one side's application) on the MongoDB of {@code mongoUri}. */
    static CandorProcess onMongo(Class<?> mainClass, String mongoUri, int httpPort, Path log, String... arguments)
            throws IOException {
        return start(mainClass, httpPort, log, Map.of("MONGODB_URI", mongoUri), arguments);
    }

    /** The embedded server alone ({@link EmbeddedMongoServer}), durable before it answers a write. */
    static CandorProcess mongoServer(Path dataDirectory, int port, Path log) throws IOException {
        return start(EmbeddedMongoServer.class, -1, log, Map.of(), dataDirectory.toString(), String.valueOf(port));
    }

    private static CandorProcess start(Class<?> mainClass, int httpPort, Path log, Map<String, String> environment,
                                       String... arguments) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Ddisable-axoniq-console-message=true",
                "-Daxoniq.update-checker.disabled=true",
                "-cp", mainClassPath(),
                mainClass.getName()));
        if (httpPort > 0) {
            command.add("--server.port=" + httpPort);
        }
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("MONGODB_URI");
        builder.environment().remove("PORT");
        builder.environment().remove("CANDOR_DATA_DIR");
        builder.environment().putAll(environment);
        return new CandorProcess(builder.start(), httpPort, log);
    }

    /** Waits until the embedded server process accepts connections on {@code port}. */
    void awaitListening(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + "\n" + logTail());
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notListeningYet) {
                process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS); // poll interval
            }
        }
        throw new IllegalStateException("nothing listening on " + port + " within " + timeout + "\n" + logTail());
    }

    /** Polls /actuator/health until it says UP, or fails with the tail of its log. */
    void awaitHealthy(HttpClient http, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + "\n" + logTail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS); // poll interval
        }
        throw new IllegalStateException("not healthy within " + timeout + "\n" + logTail());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** SIGKILL on Linux: no shutdown hook runs, nothing is flushed or closed. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: Spring closes the context and the embedded server closes its store. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killHard();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String mainClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
