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
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.candor.benchmark.CandorBenchmark.DATABASE;
import static io.candor.benchmark.CandorBenchmark.say;

/**
 * Where a command's cost goes, phase by phase: runs the benchmark's mix at each number of {@code --clients}
 * (default 1 and 32) for {@code --seconds} (default 20) on a fresh launcher, and prints for each phase the
 * commands per second and their latency, the launcher's CPU time per command, the lag of each view, where a
 * command's time goes ({@link #reportCommandTime}), and the round trips to the database per command, by collection
 * and command, with their mean time as the driver saw it (the difference of the launcher's
 * {@code mongodb_driver_commands_seconds} metrics over the phase). Round trips per command do not depend on how
 * fast the machine is that hour, which makes them the figure to compare a change by.
 * Writes no results. {@code mvn -Pbenchmark-load -DskipTests package [-Dbenchmark.clients=1,8,32]
 * [-Dbenchmark.phase-seconds=20] [-Dbenchmark.stories-per-candidate=25]}: the last makes each client register a
 * new candidate after so many stories (by default each client's stories are all one candidate's, as in the
 * benchmark, whose views' documents then grow with hundreds of opportunities in a phase).
 */
public final class LoadProfile {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(?:\\{(.*)})?\\s+(\\S+)$");
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
                List<Sample> before = metrics(launcher.base());
                double cpuBefore = launcher.cpuSeconds();
                CommandMix.Result result;
                LagProbe probe = new LagProbe(client.getDatabase(DATABASE).getCollection(StoreChecks.POSITIONS), 5);
                try (probe) {
                    result = new CommandMix(http, probe::acknowledged, storiesPerCandidate)
                            .run(count, phase, Long.MAX_VALUE);
                }
                double cpu = launcher.cpuSeconds() - cpuBefore;
                List<Sample> after = metrics(launcher.base());
                report(result, cpu, probe, before, after);
            }
        }
        CandorBenchmark.removeStore(data, options);
    }

    private static void report(CommandMix.Result result, double cpuSeconds, LagProbe probe,
                               List<Sample> before, List<Sample> after) {
        long commands = Math.max(1, result.commands());
        say("%d clients: %.0f commands/s, p50 %.2f ms, p99 %.2f ms, %d refused or failed; launcher CPU %.2f ms per "
                        + "command (it includes the views' and the server's work)", result.clients(),
                result.throughput(), result.latency().p50(), result.latency().p99(), result.failures(),
                1000 * cpuSeconds / commands);
        say("  lag p50 %.0f ms, p99 %.0f ms", probe.all().p50(), probe.all().p99());
        probe.lag().forEach((view, lag) -> say("    %-10s p50 %6.0f ms, p99 %6.0f ms", view, lag.p50(), lag.p99()));
        reportCommandTime(result, before, after);
        List<Map.Entry<String, double[]>> rows = new ArrayList<>(driverCommands(before, after).entrySet());
        rows.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
        double total = rows.stream().mapToDouble(row -> row.getValue()[0]).sum();
        say("  round trips per command: %.2f; by collection and command (per command, mean ms):", total / commands);
        for (Map.Entry<String, double[]> row : rows) {
            say("    %-45s %6.2f  %7.2f ms", row.getKey(), row.getValue()[0] / commands,
                    1000 * row.getValue()[1] / row.getValue()[0]);
        }
    }

    /**
     * Where a command's time goes, in means over the phase: the client's whole exchange (every command of the mix);
     * the launcher's handling of the POSTs it answered with success (Spring's {@code http.server.requests}: from
     * Tomcat handing the request on to the response written, so not the socket and parsing before it); the command
     * bus for the accepted ones ({@code candor.command}: loading the aggregate, handling, appending, waiting for
     * durability); and the group commits they waited for ({@code candor.durability.commit}, which several commands
     * may share).
     */
    private static void reportCommandTime(CommandMix.Result result, List<Sample> before, List<Sample> after) {
        Predicate<Map<String, String>> commandPosts = tags -> "POST".equals(tags.get("method"))
                && tags.getOrDefault("uri", "").startsWith("/api/") && "SUCCESS".equals(tags.get("outcome"));
        double posts = delta(before, after, "http_server_requests_seconds_count", commandPosts);
        double postSeconds = delta(before, after, "http_server_requests_seconds_sum", commandPosts);
        Predicate<Map<String, String>> accepted = tags -> "accepted".equals(tags.get("outcome"));
        double handled = delta(before, after, "candor_command_seconds_count", accepted);
        double handledSeconds = delta(before, after, "candor_command_seconds_sum", accepted);
        Predicate<Map<String, String>> any = tags -> true;
        double commits = delta(before, after, "candor_durability_commit_seconds_count", any);
        double commitSeconds = delta(before, after, "candor_durability_commit_seconds_sum", any);
        double waits = delta(before, after, "candor_durability_waits_total", any);
        say("  a command's time, mean ms: the client's exchange %s; the launcher's handling of a POST answered with "
                        + "success %s; the command bus, accepted %s (its p50 at most %s); a group commit %s, %s "
                        + "commits and %s waits for one per accepted command", figure(result.latency().meanMs()),
                figure(1000 * postSeconds / posts), figure(1000 * handledSeconds / handled),
                figure(commandBusMedianMs(before, after)), figure(1000 * commitSeconds / commits),
                figure(commits / handled), figure(waits / handled));
    }

    /** Two decimals, or a dash where there was nothing to divide by. */
    private static String figure(double value) {
        return Double.isFinite(value) ? String.format("%.2f", value) : "-";
    }

    /** The launcher's metrics now: each sample of its Prometheus scrape by name and tags, and its value. */
    private static List<Sample> metrics(URI base) throws IOException, InterruptedException {
        String scrape = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<Sample> samples = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            int exemplar = line.indexOf(" # "); // OpenMetrics' exemplar after the value
            Matcher sample = SAMPLE.matcher((exemplar < 0 ? line : line.substring(0, exemplar)).strip());
            if (!sample.matches()) {
                continue;
            }
            Map<String, String> tags = new HashMap<>();
            Matcher tag = TAG.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (tag.find()) {
                tags.put(tag.group(1), tag.group(2));
            }
            samples.add(new Sample(sample.group(1), tags, value(sample.group(3))));
        }
        return samples;
    }

    /** A sample's value as Prometheus writes it: a number, {@code NaN}, {@code +Inf} or {@code -Inf}. */
    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** One line of a Prometheus scrape. */
    record Sample(String name, Map<String, String> tags, double value) {
    }

    /** The sum of the samples named {@code name} whose tags pass {@code tags}. */
    private static double total(List<Sample> samples, String name, Predicate<Map<String, String>> tags) {
        return samples.stream().filter(sample -> sample.name().equals(name) && tags.test(sample.tags()))
                .mapToDouble(Sample::value).sum();
    }

    /** {@link #total} over a phase: after less before. */
    private static double delta(List<Sample> before, List<Sample> after, String name,
                                Predicate<Map<String, String>> tags) {
        return total(after, name, tags) - total(before, name, tags);
    }

    /**
     * Per {@code collection command}, the count and the total seconds of the driver's commands over a phase
     * ({@code mongodb_driver_commands_seconds}).
     */
    private static Map<String, double[]> driverCommands(List<Sample> before, List<Sample> after) {
        Map<String, double[]> commands = new TreeMap<>();
        for (List<Sample> samples : List.of(before, after)) {
            double sign = samples == before ? -1 : 1;
            for (Sample sample : samples) {
                boolean count = sample.name().equals("mongodb_driver_commands_seconds_count");
                if (!count && !sample.name().equals("mongodb_driver_commands_seconds_sum")) {
                    continue;
                }
                String key = sample.tags().getOrDefault("collection", "-") + " "
                        + sample.tags().getOrDefault("command", "?");
                commands.computeIfAbsent(key, k -> new double[2])[count ? 0 : 1] += sign * sample.value();
            }
        }
        commands.values().removeIf(counts -> counts[0] <= 0);
        return commands;
    }

    /**
     * The median of the accepted commands' time on the command bus over a phase, as the upper bound of the bucket
     * of {@code candor_command_seconds}' histogram it falls in, in milliseconds; NaN without commands.
     */
    private static double commandBusMedianMs(List<Sample> before, List<Sample> after) {
        Predicate<Map<String, String>> accepted = tags -> "accepted".equals(tags.get("outcome"));
        double half = delta(before, after, "candor_command_seconds_count", accepted) / 2;
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (List<Sample> samples : List.of(before, after)) {
            double sign = samples == before ? -1 : 1;
            samples.stream().filter(sample -> sample.name().equals("candor_command_seconds_bucket")
                            && accepted.test(sample.tags()) && !"+Inf".equals(sample.tags().get("le")))
                    .forEach(sample -> cumulative.merge(Double.parseDouble(sample.tags().get("le")),
                            sign * sample.value(), Double::sum));
        }
        if (half <= 0) {
            return Double.NaN;
        }
        return cumulative.entrySet().stream().filter(bucket -> bucket.getValue() >= half).findFirst()
                .map(bucket -> bucket.getKey() * 1000).orElse(Double.NaN);
    }
}
