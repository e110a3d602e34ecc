package io.candor.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.candor.infrastructure.embedded.EmbeddedMongo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Runs the launcher on the embedded default and measures, in one run: commands over HTTP at 1, 8 and 32 clients
 * against the raw driver round trips they need at best; projection lag under that load; command cost at about
 * 1k, 10k and 100k stored events; view queries with 10,000 opportunities; a full replay of the store against a
 * raw scan; start-up time, resident memory and the size of the tracking tokens.
 * <p>
 * Arguments: {@code --launcher=<standalone jar>} (required), {@code --out=<dir>} (default bench-results),
 * {@code --events=<n>} (default 100000), {@code --phase-seconds=<n>} (default 20).
 */
public final class CandorBenchmark {

    static final String DATABASE = "candor";
    /** Every view's collections: a replay rebuilds them all from nothing. */
    static final List<String> VIEW_COLLECTIONS = List.of("pipeline_opportunities", "candidates",
            "pipeline_by_candidate", "contacts_by_candidate", "lessons_by_candidate", "timeline_pages",
            "analytics_by_candidate");
    private static final int[] CLIENTS = {1, 8, 32};
    private static final int COST_SAMPLE = 300;
    /** Commands sent before the cost is measured on a launcher just started: at 1k, and again after the replay. */
    private static final int WARM_UP_COMMANDS = 500;
    /** The pace of the history written while the launcher runs: busy, as many users at once would be. */
    private static final double LIVE_HISTORY_EVENTS_PER_S = 250;
    /**
     * A person's pace: the pause after each command, and how many are timed so. Between two of them the machine
     * goes idle, and every thread a command wakes (the web server's, the database server's, the committing one)
     * takes longer to run again than under a steady load: the figure a person at a screen sees.
     */
    private static final Duration PACE = Duration.ofMillis(100);
    private static final int PACED_COMMANDS = 100;

    private CandorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path jar = Path.of(required(options, "launcher"));
        Path out = Path.of(options.getOrDefault("out", "bench-results"));
        long targetEvents = Long.parseLong(options.getOrDefault("events", "100000"));
        Duration phase = Duration.ofSeconds(Long.parseLong(options.getOrDefault("phase-seconds", "20")));
        Files.createDirectories(out);
        Path data = Files.createTempDirectory("candor-benchmark");
        Path log = out.resolve("launcher.log");
        Files.deleteIfExists(log);
        int httpPort = LauncherChild.freePort();
        int mongoPort = LauncherChild.freePort();

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("date", Instant.now().toString());
        figures.put("machine", Machine.describe());
        List<Report.CostPoint> curve = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        say("Starting the launcher on a fresh data directory " + data);
        LauncherChild launcher = LauncherChild.start(jar, data, httpPort, mongoPort, log);
        figures.put("startup_s", Stats.round(launcher.startupSeconds()));
        say("Ready in %.2f s", launcher.startupSeconds());

        Map<String, Object> commands = new LinkedHashMap<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        Map<String, Object> rawDurable = new LinkedHashMap<>();
        Map<String, Object> lag = new LinkedHashMap<>();
        Map<String, Object> queries = new LinkedHashMap<>();
        Map<String, Object> coldQueries = new LinkedHashMap<>();
        StoreChecks.Tally live;
        StoreChecks.Tally replayed;
        HistoryWriter liveHistory;
        long tokenBytes;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            MongoDatabase database = client.getDatabase(DATABASE);
            StoreChecks store = new StoreChecks(database);
            Http http = new Http(launcher.base());
            CommandMix quiet = new CommandMix(http, acknowledged -> { });
            HistoryWriter history = HistoryWriter.live(database, LIVE_HISTORY_EVENTS_PER_S);
            liveHistory = history;

            say("Warming up (one client, 500 commands)");
            quiet.run(1, Duration.ofMinutes(2), WARM_UP_COMMANDS);
            curve.add(costPoint(quiet, store, "1k", figures));

            say("Writing history up to 10,000 events, %.0f events/s", LIVE_HISTORY_EVENTS_PER_S);
            history.write(Math.max(0, 10_000 - store.storedEvents()));
            double caughtUp = store.awaitApplied(store.lastPosition(), 600);
            figures.put("views_behind_live_history_s", Stats.round(caughtUp));
            say("  every view had applied the last of them %.1f s after it was written", caughtUp);
            curve.add(costPoint(quiet, store, "10k", figures));

            say("Command mix at 1, 8 and 32 clients, %d s each, with the lag probe", phase.toSeconds());
            try (LagProbe probe = new LagProbe(database.getCollection(StoreChecks.POSITIONS), 5)) {
                CommandMix probed = new CommandMix(http, probe::acknowledged);
                for (int clients : CLIENTS) {
                    probe.phase(clients + "_clients");
                    CommandMix.Result result = probed.run(clients, phase, Long.MAX_VALUE);
                    commands.put(clients + "_clients", describe(result));
                    say("  %d clients: %.0f commands/s, p50 %.2f ms, p99 %.2f ms, %d refused or failed", clients,
                            result.throughput(), result.latency().p50(), result.latency().p99(), result.failures());
                }
                probe.close(); // follows the samples still pending to their end: the slowest ones count too
                for (Map.Entry<String, Stats> view : probe.lag().entrySet()) {
                    lag.put(view.getKey(), Map.of("p50_ms", Stats.round(view.getValue().p50()),
                            "p99_ms", Stats.round(view.getValue().p99()), "samples", view.getValue().count()));
                }
                lag.put("gave_up", probe.gaveUp());
                probe.lagByPhase().forEach((clients, stats) -> {
                    Map<String, Object> described = cast(commands.get(clients));
                    described.put("lag_p50_ms", Stats.round(stats.p50()));
                    described.put("lag_p99_ms", Stats.round(stats.p99()));
                    say("  lag of the commands acknowledged in the phase of %s: p50 %.0f ms, p99 %.0f ms",
                            "1_clients".equals(clients) ? "1 client" : clients.replace('_', ' '), stats.p50(),
                            stats.p99());
                });
                figures.put("lag_p50_ms", Stats.round(probe.all().p50()));
                figures.put("lag_p99_ms", Stats.round(probe.all().p99()));
            }

            say("Raw round trips (read an aggregate's events, insert one event) at 1, 8 and 32 clients");
            RawRoundTrips rawTrips = new RawRoundTrips(database, StoreChecks.EVENTS, history.candidates());
            for (int clients : CLIENTS) {
                CommandMix.Result result = rawTrips.run(clients, Duration.ofSeconds(Math.max(5, phase.toSeconds() / 2)));
                raw.put(clients + "_clients", describe(result));
                say("  %d clients: %.0f round trips/s, p50 %.2f ms, p99 %.2f ms", clients, result.throughput(),
                        result.latency().p50(), result.latency().p99());
            }
            say("Durable raw round trips (the same, then fsync: the write on disk) at 1, 8 and 32 clients");
            for (int clients : CLIENTS) {
                CommandMix.Result result = rawTrips.runDurable(clients,
                        Duration.ofSeconds(Math.max(5, phase.toSeconds() / 2)));
                rawDurable.put(clients + "_clients", describe(result));
                say("  %d clients: %.0f round trips/s, p50 %.2f ms, p99 %.2f ms", clients, result.throughput(),
                        result.latency().p50(), result.latency().p99());
            }

            double behind = store.awaitApplied(store.lastPosition(), 1800);
            figures.put("views_behind_after_load_s", Stats.round(behind));
            say("  every view had applied the last event %.1f s after the load ended", behind);

            say("At a person's pace: %d commands of one client, %d ms apart, then as many raw and durable raw round "
                    + "trips as far apart", PACED_COMMANDS, PACE.toMillis());
            Map<String, Object> paced = new LinkedHashMap<>();
            paced.put("pause_ms", PACE.toMillis());
            paced.put("commands", describePaced(quiet.paced(PACE).run(1, Duration.ofMinutes(10), PACED_COMMANDS)));
            paced.put("raw_roundtrips", describePaced(rawTrips.runPaced(false, PACED_COMMANDS, PACE)));
            paced.put("raw_durable_roundtrips", describePaced(rawTrips.runPaced(true, PACED_COMMANDS, PACE)));
            paced.forEach((what, result) -> {
                if (result instanceof Map<?, ?> described) {
                    say("  %s: p50 %s ms, p99 %s ms", what.replace('_', ' '), described.get("p50_ms"),
                            described.get("p99_ms"));
                }
            });
            figures.put("paced", paced);
            rawTrips.drop();
            store.awaitApplied(store.lastPosition(), 600);
            live = store.settledTally(10);
            live.sayExamples();
            tokenBytes = store.largestTokenBytes();
        } finally {
            launcher.close();
        }
        figures.put("commands", commands);
        figures.put("raw_roundtrips", raw);
        figures.put("lag_by_view", lag);
        Map<String, Object> one = cast(commands.get("1_clients"));
        Map<String, Object> rawOne = cast(raw.get("1_clients"));
        figures.put("command_p50_ms", one.get("p50_ms"));
        figures.put("command_p99_ms", one.get("p99_ms"));
        figures.put("raw_roundtrip_p50_ms", rawOne.get("p50_ms"));
        figures.put("command_to_raw_p50_ratio", Stats.round((double) one.get("p50_ms") / (double) rawOne.get("p50_ms")));
        Map<String, Object> durableOne = cast(rawDurable.get("1_clients"));
        figures.put("raw_durable_roundtrips", rawDurable);
        figures.put("raw_durable_roundtrip_p50_ms", durableOne.get("p50_ms"));
        figures.put("command_to_raw_durable_p50_ratio",
                Stats.round((double) one.get("p50_ms") / (double) durableOne.get("p50_ms")));
        figures.put("live_missed", live.missed());
        figures.put("live_missed_examples", live.examples());
        figures.put("live_duplicates", live.duplicates());

        // The large history goes in with the launcher stopped, as an import of past searches would: the views rebuild
        // it all in the replay that follows.
        say("Stopping the launcher; writing history up to %,d events straight into its store", targetEvents);
        double scanRate;
        HistoryWriter history;
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(data, "127.0.0.1", mongoPort);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            StoreChecks store = new StoreChecks(client.getDatabase(DATABASE));
            history = HistoryWriter.imported(client.getDatabase(DATABASE));
            history.write(Math.max(0, targetEvents - store.storedEvents()));
            figures.put("stored_events", store.storedEvents());
            figures.put("opportunities_stored", store.storedOpportunities());
            scanRate = store.rawScanEventsPerSecond(3);
            say("Replay: forgetting every view and token, starting the launcher again");
            store.forgetViews(VIEW_COLLECTIONS);
            mongo.commit();
        }
        figures.put("raw_scan_events_per_s", Math.round(scanRate));
        say("  raw scan: %,.0f events/s", scanRate);
        long relaunched = System.nanoTime();
        try (LauncherChild replaying = LauncherChild.start(jar, data, httpPort, mongoPort, log);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            figures.put("startup_s_with_full_store", Stats.round(replaying.startupSeconds()));
            StoreChecks store = new StoreChecks(client.getDatabase(DATABASE));
            String last = store.lastPosition();
            store.awaitApplied(last, 3600);
            double wall = (System.nanoTime() - relaunched) / 1e9;
            double replaySeconds = Math.max(0.001, wall - launcher.startupSeconds());
            long events = (long) figures.get("stored_events");
            figures.put("replay_s", Stats.round(replaySeconds));
            figures.put("replay_events_per_s", Math.round(events / replaySeconds));
            figures.put("replay_to_scan_ratio", Stats.round(events / replaySeconds / scanRate));
            say("  replayed %,d events in %.1f s (%,.0f events/s)", events, replaySeconds, events / replaySeconds);
            replayed = store.settledTally(10);
            replayed.sayExamples();
            figures.put("replay_missed", replayed.missed());
            figures.put("replay_duplicates", replayed.duplicates());
            figures.put("replay_missed_examples", replayed.examples());
            figures.put("token_max_bytes", Math.max(tokenBytes, store.largestTokenBytes()));
            figures.put("rss_mb", Math.round(replaying.residentMegabytes()));

            Http http = new Http(replaying.base());
            // The same protocol as at 1k: the launcher was just restarted for the replay, so it is warmed up with
            // the same 500 commands first; else the point measures the JIT, not the size of the store.
            CommandMix quiet = new CommandMix(http, acknowledged -> { });
            quiet.run(1, Duration.ofMinutes(2), WARM_UP_COMMANDS);
            curve.add(costPoint(quiet, store, "100k", figures));
            say("View queries with %,d opportunities stored", figures.get("opportunities_stored"));
            // Of both histories: a small --events may leave nothing to import once the live phase has run.
            List<String> candidates = new ArrayList<>(liveHistory.candidates());
            candidates.addAll(history.candidates());
            List<String> opportunities = new ArrayList<>(liveHistory.opportunities());
            opportunities.addAll(history.opportunities());
            Map<String, Map<String, Object>> measured = ViewQueries.measure(http, candidates, opportunities, 200);
            coldQueries.putAll(measured.get("cold"));
            queries.putAll(measured.get("steady"));
        }
        figures.put("queries", queries);
        figures.put("query_p99_ms", worstP99(queries));
        figures.put("query_p99_worst_view", worstView(queries));
        figures.put("queries_cold", coldQueries);
        figures.put("query_p99_ms_cold", worstP99(coldQueries));

        List<Report.Line> lines = lines(figures, curve);
        notes.add("Commands: a realistic mix over HTTP (register, invitation, schedule, attendance, offer and its "
                + "acceptance or decline, invitation declined, interview cancelled); each client its own candidate.");
        notes.add("Raw round trip: what a command needs of the database at best, sent straight to the same embedded "
                + "server with the driver: read one aggregate's events (its page of stream keys) and "
                + "insert one event. The event store needs a third round trip (it takes a position from a counter). "
                + "It does not include making the write durable, which every command waits for "
                + "(group commit of the H2 store); the durable raw round trip adds MongoDB's fsync command after the "
                + "insert, which the embedded server answers with the same group commit the commands share.");
        notes.add("At a person's pace: one client (a new candidate's) sends " + PACED_COMMANDS + " commands, and "
                + "the rest of the story it is in, " + PACE.toMillis() + " ms apart, after the views caught up with "
                + "the load; then " + PACED_COMMANDS + " raw and durable raw round trips, as far apart. Not a "
                + "target: what a person at a screen waits, and what an idle machine adds to every thread a command "
                + "wakes.");
        notes.add("Projection lag: from the client hearing a command's acknowledgement to each view recording the "
                + "event in view_positions, every fifth command of the mix, read straight from the server; all "
                + "pending samples are followed at once, one query every " + LagProbe.POLL_MILLIS
                + " ms (the resolution). The target is read against the three phases together; each phase's line "
                + "gives the lag of the commands acknowledged in it.");
        notes.add("View queries: 200 of each view on random candidates and opportunities (the firm analytics: of the "
                + "one firm every candidate of the history belongs to, " + ViewQueries.FIRM + "), once right after the "
                + "launcher's restart (cold: the query code not yet compiled by the JIT) and once after "
                + ViewQueries.WARM_UP_REQUESTS + " more of each (steady), which the target is read against.");
        notes.add("Command cost against stored events: 300 commands of one client, each time on a launcher warmed up "
                + "with 500 commands (at ~1k right after its first start, at ~100k after its restart for the replay).");
        notes.add("History: the first 10,000 events are written while the launcher runs, stamped now, at "
                + Math.round(LIVE_HISTORY_EVENTS_PER_S) + " events/s; the rest up to "
                + "the full store with the launcher stopped, straight into its store (through its storage engine), "
                + "stamped when they happened in the story, over two years, as an import of past searches would be. "
                + "The views rebuild them all in the replay; the command cost and the view queries at the full store "
                + "are measured after it.");
        notes.add("Replay: views and tokens dropped, the launcher restarted; time from the restart until every view "
                + "applied the last stored event, minus the launcher's own start-up time on an empty store.");
        notes.add("Replay and live tally: the timeline has one entry per event (missing or doubled entries are "
                + "counted per aggregate sequence), and so has the pipeline's history of each opportunity (missing "
                + "entries counted); the other views must have applied each aggregate's last sequence.");
        Report.write(out, figures, lines, curve, notes);
        say("Results in %s", out.toAbsolutePath());
        if (live.missed() + live.duplicates() + replayed.missed() + replayed.duplicates() > 0) {
            say("The store %s is kept: the tallies found events missed or applied twice", data);
        } else {
            removeStore(data, options);
        }
        System.exit(0);
    }

    private static Report.CostPoint costPoint(CommandMix quiet, StoreChecks store, String label,
                                              Map<String, Object> figures) {
        long before = store.storedEvents();
        CommandMix.Result result = quiet.run(1, Duration.ofMinutes(2), COST_SAMPLE);
        figures.put("command_p50_ms_at_" + label, Stats.round(result.latency().p50()));
        figures.put("command_p99_ms_at_" + label, Stats.round(result.latency().p99()));
        figures.put("stored_events_at_" + label, before);
        say("  %,d stored events: one client p50 %.2f ms, p99 %.2f ms", before, result.latency().p50(),
                result.latency().p99());
        return new Report.CostPoint(before, result.latency().p50(), result.latency().p99());
    }

    private static Map<String, Object> describe(CommandMix.Result result) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("clients", result.clients());
        described.put("count", result.commands());
        described.put("failed", result.failures());
        described.put("per_s", Math.round(result.throughput()));
        described.put("p50_ms", Stats.round(result.latency().p50()));
        described.put("p99_ms", Stats.round(result.latency().p99()));
        return described;
    }

    /** {@link #describe}, without the rate: at a fixed pace it says nothing. */
    private static Map<String, Object> describePaced(CommandMix.Result result) {
        Map<String, Object> described = describe(result);
        described.remove("per_s");
        return described;
    }

    private static List<Report.Line> lines(Map<String, Object> f, List<Report.CostPoint> curve) {
        double commandP50 = num(f, "command_p50_ms");
        double rawP50 = num(f, "raw_roundtrip_p50_ms");
        List<Report.Line> lines = new ArrayList<>();
        lines.add(new Report.Line("command p50 / p99, 1 client (ms)", commandP50 + " / " + num(f, "command_p99_ms"),
                "p50 ≤ 1.5 × raw = " + Stats.round(1.5 * rawP50), commandP50 <= 1.5 * rawP50));
        lines.add(new Report.Line("raw round trip p50, 1 client (ms)", String.valueOf(rawP50), null, null));
        double durableP50 = num(f, "raw_durable_roundtrip_p50_ms");
        lines.add(new Report.Line("durable raw round trip p50, 1 client (ms): read, insert, fsync",
                String.valueOf(durableP50), "command p50 ≤ 1.5 × = " + Stats.round(1.5 * durableP50),
                commandP50 <= 1.5 * durableP50));
        for (int clients : CLIENTS) {
            Map<String, Object> c = cast(cast(f.get("commands")).get(clients + "_clients"));
            Map<String, Object> r = cast(cast(f.get("raw_roundtrips")).get(clients + "_clients"));
            Map<String, Object> d = cast(cast(f.get("raw_durable_roundtrips")).get(clients + "_clients"));
            lines.add(new Report.Line("commands, " + clients + " clients: per s, p50, p99 (ms); raw p50; durable raw "
                    + "p50; lag p50 / p99 of the commands acknowledged in the phase",
                    c.get("per_s") + "/s, " + c.get("p50_ms") + ", " + c.get("p99_ms") + "; raw " + r.get("p50_ms")
                            + "; durable " + d.get("p50_ms") + "; lag " + c.get("lag_p50_ms") + " / "
                            + c.get("lag_p99_ms"), null, null));
        }
        Map<String, Object> paced = cast(f.get("paced"));
        if (paced != null) {
            Map<String, Object> c = cast(paced.get("commands"));
            lines.add(new Report.Line("commands of one client " + paced.get("pause_ms") + " ms apart: p50, p99 (ms); "
                    + "raw p50; durable raw p50, as far apart", c.get("p50_ms") + ", " + c.get("p99_ms") + "; raw "
                    + cast(paced.get("raw_roundtrips")).get("p50_ms") + "; durable "
                    + cast(paced.get("raw_durable_roundtrips")).get("p50_ms"), null, null));
        }
        double lagP99 = num(f, "lag_p99_ms");
        lines.add(new Report.Line("projection lag p50 / p99 (ms), the three phases together",
                num(f, "lag_p50_ms") + " / " + lagP99,
                "p99 ≤ 250", lagP99 <= 250));
        double replay = num(f, "replay_events_per_s");
        double scan = num(f, "raw_scan_events_per_s");
        lines.add(new Report.Line("replay of " + f.get("stored_events") + " events (events/s)",
                String.valueOf(Math.round(replay)), "≥ half the raw scan (" + Math.round(scan) + "/s)",
                replay >= scan / 2));
        double queryP99 = num(f, "query_p99_ms");
        lines.add(new Report.Line("view query p99, worst view (ms), " + f.get("opportunities_stored")
                + " opportunities, after " + ViewQueries.WARM_UP_REQUESTS + " queries of each view",
                queryP99 + " (" + f.get("query_p99_worst_view") + ")", "≤ 20", queryP99 <= 20));
        lines.add(new Report.Line("the same, the first queries after the launcher's restart (ms)",
                String.valueOf(num(f, "query_p99_ms_cold")), null, null));
        double startup = num(f, "startup_s");
        lines.add(new Report.Line("start-up to ready (s)", String.valueOf(startup), "≤ 15", startup <= 15));
        lines.add(new Report.Line("resident memory after the replay (MB)", String.valueOf(f.get("rss_mb")), null, null));
        double at1k = num(f, "command_p50_ms_at_1k");
        double at100k = num(f, "command_p50_ms_at_100k");
        lines.add(new Report.Line("command p50 at ~1k / ~10k / ~100k stored events (ms)",
                at1k + " / " + num(f, "command_p50_ms_at_10k") + " / " + at100k, "100k ≤ 1.5 × 1k",
                at100k <= 1.5 * at1k));
        long missed = ((Number) f.get("replay_missed")).longValue() + ((Number) f.get("live_missed")).longValue();
        long duplicates = ((Number) f.get("replay_duplicates")).longValue()
                + ((Number) f.get("live_duplicates")).longValue();
        lines.add(new Report.Line("missed / applied twice (live + replay)", missed + " / " + duplicates, "0 / 0",
                missed == 0 && duplicates == 0));
        long token = ((Number) f.get("token_max_bytes")).longValue();
        lines.add(new Report.Line("largest tracking token (bytes)", String.valueOf(token), "< 1 MB",
                token < 1_000_000));
        return lines;
    }

    private static double worstP99(Map<String, Object> byView) {
        return byView.values().stream().mapToDouble(v -> (double) cast(v).get("p99_ms")).max().orElse(Double.NaN);
    }

    private static String worstView(Map<String, Object> byView) {
        return byView.entrySet().stream()
                .max(Comparator.comparingDouble(view -> (double) cast(view.getValue()).get("p99_ms")))
                .map(Map.Entry::getKey).orElse("none");
    }

    private static double num(Map<String, Object> figures, String key) {
        Object value = figures.get(key);
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }

    /**
     * Deletes the store a run wrote (some 2.5 GB after the full benchmark), once the run is over, unless
     * {@code --keep-store=true}. A run that fails leaves its store, to be looked at.
     */
    static void removeStore(Path data, Map<String, String> options) throws IOException {
        if (Boolean.parseBoolean(options.getOrDefault("keep-store", "false"))) {
            say("The store is kept in %s", data);
            return;
        }
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        say("The store %s is removed (-Dbenchmark.keep-store=true keeps it)", data);
    }

    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + "=… is required");
        }
        return value;
    }

    static void say(String format, Object... args) {
        System.out.printf("[benchmark] " + format + "%n", args);
    }

    static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }
}
