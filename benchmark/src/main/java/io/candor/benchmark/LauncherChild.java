package io.candor.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

/**
 * The launcher as a user starts it ({@code java -jar}), on the embedded default with its data under a directory
 * of the benchmark's, and the embedded server on a known port so the benchmark can reach the same server directly.
 */
final class LauncherChild implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private static final AtomicInteger STARTS = new AtomicInteger();

    private final Process process;
    private final URI base;
    private final double startupSeconds;

    private LauncherChild(Process process, URI base, double startupSeconds) {
        this.process = process;
        this.base = base;
        this.startupSeconds = startupSeconds;
    }

    static LauncherChild start(Path jar, Path dataDirectory, int httpPort, int mongoPort, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // Extra JVM options for the launcher, e.g. a flight recording to see where a phase spends its time;
        // {start} is replaced with the number of this start in the run (a file name per launcher).
        String jvmOptions = System.getenv().getOrDefault("CANDOR_BENCHMARK_LAUNCHER_OPTS", "").strip()
                .replace("{start}", String.valueOf(STARTS.incrementAndGet()));
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of(
                "-jar", jar.toString(),
                "--server.port=" + httpPort,
                "--candor.embedded.port=" + mongoPort,
                "--candor.embedded.data-dir=" + dataDirectory));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("MONGODB_URI");
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + jar, e);
        }
        URI base = URI.create("http://127.0.0.1:" + httpPort + "/");
        Http http = new Http(base);
        long deadline = started + READY_WITHIN.toNanos();
        while (true) {
            Http.Exchange health = http.get("actuator/health");
            if (health.ok() && "UP".equals(health.body().path("status").asText())) {
                break;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("The launcher did not become ready; see " + log);
            }
            pause(20);
        }
        return new LauncherChild(process, base, (System.nanoTime() - started) / 1e9);
    }

    URI base() {
        return base;
    }

    double startupSeconds() {
        return startupSeconds;
    }

    /**
     * The CPU time the launcher's process has used so far, all its threads: on a machine whose latencies vary by a
     * fifth from one run to the next, the steadier measure of what a phase costs. NaN where the system does not say.
     */
    double cpuSeconds() {
        return process.info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Resident memory of the launcher's JVM, from /proc (Linux). */
    double residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** A graceful stop, so the embedded server closes its store. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    /** Polling the launcher's readiness is the measurement itself, not a test's synchronisation. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
