package io.candor.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.candor.infrastructure.embedded.EmbeddedMongo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.candor.benchmark.CandorBenchmark.DATABASE;
import static io.candor.benchmark.CandorBenchmark.VIEW_COLLECTIONS;
import static io.candor.benchmark.CandorBenchmark.say;

/**
 * The replay of {@link CandorBenchmark} alone, several times on one store: to judge a change to the views or to the
 * store quickly, and with more than one figure, on a machine whose runs vary by a fifth from one to the next.
 * Writes a history of {@code --events} events (the benchmark's imported one), then {@code --replays} times forgets
 * every view and token and times the launcher rebuilding them, as the benchmark's replay does, with the CPU time the
 * launcher spent on it (the steadier figure on a noisy machine). Prints the figures;
 * writes no results. {@code mvn -Pbenchmark-replay -DskipTests package [-Dbenchmark.events=20000]
 * [-Dbenchmark.replays=3]}. {@code --interleave=N} writes the history N candidates at a time, their events
 * interleaved, as a store recorded by many people at once holds them ({@link HistoryWriter#writeInterleaved}).
 * {@code --requests=true} has one client use Candor while each replay runs and prints what it waited
 * ({@link RequestsDuringReplay}); the rate counts the events stored before it began.
 */
public final class ReplayBenchmark {

    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CandorBenchmark.options(args);
        Path jar = Path.of(CandorBenchmark.required(options, "launcher"));
        long targetEvents = Long.parseLong(options.getOrDefault("events", "20000"));
        int replays = Integer.parseInt(options.getOrDefault("replays", "3"));
        int interleave = Integer.parseInt(options.getOrDefault("interleave", "1"));
        boolean requests = Boolean.parseBoolean(options.getOrDefault("requests", "false"));
        Path data = Files.createTempDirectory("candor-replay-benchmark");
        Path log = data.resolveSibling(data.getFileName() + ".log");
        int httpPort = LauncherChild.freePort();
        int mongoPort = LauncherChild.freePort();

        say("Starting the launcher on an empty store %s (log %s)", data, log);
        double emptyStartup;
        double emptyStartupCpu;
        try (LauncherChild launcher = LauncherChild.start(jar, data, httpPort, mongoPort, log)) {
            emptyStartup = launcher.startupSeconds();
            emptyStartupCpu = launcher.cpuSeconds();
        }
        double scanRate;
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(data, "127.0.0.1", mongoPort);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            HistoryWriter history = HistoryWriter.imported(client.getDatabase(DATABASE));
            if (interleave > 1) {
                history.writeInterleaved(targetEvents, interleave);
            } else {
                history.write(targetEvents);
            }
            mongo.commit();
            scanRate = new StoreChecks(client.getDatabase(DATABASE)).rawScanEventsPerSecond(3);
        }
        say("Wrote %,d events%s; raw scan %,.0f events/s; start-up on an empty store %.2f s", targetEvents,
                interleave > 1 ? ", " + interleave + " candidates' interleaved" : "", scanRate, emptyStartup);

        List<Long> rates = new ArrayList<>();
        List<Double> cpuPerThousand = new ArrayList<>();
        for (int replay = 1; replay <= replays; replay++) {
            try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(data, "127.0.0.1", mongoPort);
                 MongoClient client = MongoClients.create(mongo.connectionString())) {
                new StoreChecks(client.getDatabase(DATABASE)).forgetViews(VIEW_COLLECTIONS);
                mongo.commit();
            }
            long relaunched = System.nanoTime();
            try (LauncherChild launcher = LauncherChild.start(jar, data, httpPort, mongoPort, log);
                 MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
                StoreChecks store = new StoreChecks(client.getDatabase(DATABASE));
                long events = store.storedEvents();
                String last = store.lastPosition();
                RequestsDuringReplay visitor = requests ? new RequestsDuringReplay(new Http(launcher.base())) : null;
                long applied;
                double cpuSeconds;
                try {
                    store.awaitApplied(last, 3600);
                } finally {
                    applied = System.nanoTime();
                    cpuSeconds = launcher.cpuSeconds() - emptyStartupCpu;
                    if (visitor != null) {
                        visitor.close(); // after its request in flight, which may outlast the replay
                    }
                }
                double seconds = Math.max(0.001, (applied - relaunched) / 1e9 - emptyStartup);
                if (visitor != null) {
                    say("Replay %d: meanwhile %d commands p50 %.1f ms, p99 %.1f ms; %d reads p50 %.1f ms, p99 %.1f ms",
                            replay, visitor.commands().count(), visitor.commands().p50(), visitor.commands().p99(),
                            visitor.reads().count(), visitor.reads().p50(), visitor.reads().p99());
                }
                StoreChecks.Tally tally = store.settledTally(2);
                rates.add(Math.round(events / seconds));
                cpuPerThousand.add(Double.isNaN(cpuSeconds) ? Double.NaN
                        : Math.round(1000 * cpuSeconds / events * 1000) / 1000.0);
                say("Replay %d: %,d events in %.1f s, %,.0f events/s; launcher CPU %.1f s (%.2f s per 1,000 events);"
                        + " missed %d, applied twice %d", replay, events, seconds, events / seconds, cpuSeconds,
                        1000 * cpuSeconds / events, tally.missed(), tally.duplicates());
                tally.sayExamples();
            }
        }
        say("Replays (events/s): %s; launcher CPU per 1,000 events (s), beyond its start-up on an empty store: %s",
                rates, cpuPerThousand);
        CandorBenchmark.removeStore(data, options);
    }
}
