package io.candor.standalone;

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
import java.util.stream.Collectors;

/**
 * The launcher in a child JVM, as a user runs it: {@link CandorStandalone} on the main class path (this module's
 * and its dependencies', without test classes), a data directory, an HTTP port and an embedded server port.
 */
final class LauncherProcess implements AutoCloseable {

    private final Process process;
    private final int httpPort;
    private final Path log;

    private LauncherProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    static LauncherProcess start(Path dataDirectory, int httpPort, int mongoPort, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Ddisable-axoniq-console-message=true", "-Daxoniq.update-checker.disabled=true",
                "-cp", mainClassPath(),
                CandorStandalone.class.getName(),
                "--server.port=" + httpPort,
                "--candor.embedded.data-dir=" + dataDirectory,
                "--candor.embedded.port=" + mongoPort));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("MONGODB_URI");
        builder.environment().remove("PORT");
        builder.environment().remove("CANDOR_DATA_DIR");
        return new LauncherProcess(builder.start(), httpPort, log);
    }

    /** Polls /actuator/health until it says UP, or fails with the tail of the launcher's log. */
    void awaitHealthy(HttpClient http, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("launcher exited with " + process.exitValue() + "\n" + logTail());
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
        throw new IllegalStateException("launcher not healthy within " + timeout + "\n" + logTail());
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
