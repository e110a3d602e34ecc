package io.candor.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.candor.benchmark.CandorBenchmark.DATABASE;
import static io.candor.benchmark.CandorBenchmark.say;

/**
 * Where a command's cost goes, phase by phase: runs the benchmark's mix at each number of {@code --clients}
 * (default 1 and 32) for {@code --seconds} (default 20) on a fresh launcher, and prints for each phase the
 * commands per second and their latency, the launcher's CPU time per command, the lag of each view, and the round
 * trips to the database per command, by collection and command, with their mean time as the driver saw it (the
 * difference of the launcher's {@code mongodb_driver_commands_seconds} metrics over the phase). Round trips per
 * command do not depend on how fast the machine is that hour, which makes them the figure to compare a change by.
 * Writes no results. {@code mvn -Pbenchmark-load -DskipTests package [-Dbenchmark.clients=1,8,32]
 * [-Dbenchmark.phase-seconds=20] [-Dbenchmark.stories-per-candidate=25]}: the last makes each client register a
 * new candidate after so many stories (by default each client's stories are all one candidate's, as in the
 * benchmark, whose views' documents then grow with hundreds of opportunities in a phase).
 */
public final class LoadProfile {

    private static final Pattern DRIVER_COMMANDS = Pattern.compile(
            "^mongodb_driver_commands_seconds_(count|sum)\\{(.*)}\\s+(\\S+)$");
    private static final Pattern TAG = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private LoadProfile() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CandorBenchmark.options(args);
        Path jar = Path.of(CandorBenchmark.required(options, "launcher"));
        Duration phase = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "20")));
        int storiesPerCandidate = Integer.parseInt(options.getOrDefault("stories-per-candidate", "0"));
        List<Integer> clients = new ArrayList<>();
        for (String count : options.getOrDefault("clients", "1,32").split(",")) {
            clients.add(Integer.parseInt(count.strip()));
        }
        Path data = Files.createTempDirectory("candor-load-profile");
        Path log = data.resolveSibling(data.getFileName() + ".log");
        int mongoPort = LauncherChild.freePort();
        say("Starting the launcher on an empty store %s (log %s)", data, log);
        try (LauncherChild launcher = LauncherChild.start(jar, data, LauncherChild.freePort(), mongoPort, log);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            Http http = new Http(launcher.base());
            say("Warming up: 4 clients for 10 s");
            new CommandMix(http, acknowledged -> { }).run(4, Duration.ofSeconds(10), Long.MAX_VALUE);
            for (int count : clients) {
                Map<String, double[]> before = driverCommands(launcher.base());
                double cpuBefore = launcher.cpuSeconds();
                CommandMix.Result result;
                LagProbe probe = new LagProbe(client.getDatabase(DATABASE).getCollection(StoreChecks.POSITIONS), 5);
                try (probe) {
                    result = new CommandMix(http, probe::acknowledged, storiesPerCandidate)
                            .run(count, phase, Long.MAX_VALUE);
                }
                double cpu = launcher.cpuSeconds() - cpuBefore;
                Map<String, double[]> after = driverCommands(launcher.base());
                report(result, cpu, probe, before, after);
            }
        }
        CandorBenchmark.removeStore(data, options);
    }

    private static void report(CommandMix.Result result, double cpuSeconds, LagProbe probe,
                               Map<String, double[]> before, Map<String, double[]> after) {
        long commands = Math.max(1, result.commands());
        say("%d clients: %.0f commands/s, p50 %.2f ms, p99 %.2f ms, %d refused or failed; launcher CPU %.2f ms per "
                        + "command (it includes the views' and the server's work)", result.clients(),
                result.throughput(), result.latency().p50(), result.latency().p99(), result.failures(),
                1000 * cpuSeconds / commands);
        say("  lag p50 %.0f ms, p99 %.0f ms", probe.all().p50(), probe.all().p99());
        probe.lag().forEach((view, lag) -> say("    %-10s p50 %6.0f ms, p99 %6.0f ms", view, lag.p50(), lag.p99()));
        List<Map.Entry<String, double[]>> rows = new ArrayList<>();
        after.forEach((key, counts) -> {
            double[] old = before.getOrDefault(key, new double[2]);
            double[] delta = {counts[0] - old[0], counts[1] - old[1]};
            if (delta[0] > 0) {
                rows.add(Map.entry(key, delta));
            }
        });
        rows.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
        double total = rows.stream().mapToDouble(row -> row.getValue()[0]).sum();
        say("  round trips per command: %.2f; by collection and command (per command, mean ms):", total / commands);
        for (Map.Entry<String, double[]> row : rows) {
            say("    %-45s %6.2f  %7.2f ms", row.getKey(), row.getValue()[0] / commands,
                    1000 * row.getValue()[1] / row.getValue()[0]);
        }
    }

    /** Per {@code collection command}, the count and the total seconds of the driver's commands so far. */
    private static Map<String, double[]> driverCommands(URI base) throws IOException, InterruptedException {
        String metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, double[]> commands = new TreeMap<>();
        for (String line : metrics.split("\n")) {
            Matcher metric = DRIVER_COMMANDS.matcher(line.strip());
            if (!metric.matches()) {
                continue;
            }
            Map<String, String> tags = new HashMap<>();
            Matcher tag = TAG.matcher(metric.group(2));
            while (tag.find()) {
                tags.put(tag.group(1), tag.group(2));
            }
            String key = tags.getOrDefault("collection", "-") + " " + tags.getOrDefault("command", "?");
            double[] counts = commands.computeIfAbsent(key, k -> new double[2]);
            counts["count".equals(metric.group(1)) ? 0 : 1] += Double.parseDouble(metric.group(3));
        }
        return commands;
    }
}
