package io.candor.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Projection lag: for a sample of acknowledged commands, the time from the client hearing the acknowledgement to
 * each view recording that it applied the event ({@code view_positions}, read straight from the same server).
 * <p>
 * Every sample taken is followed at once, together with the others still pending: each round reads the positions
 * of all of them in one query, then pauses {@value #POLL_MILLIS} ms. (Following one sample at a time and queueing the
 * others added their wait in the queue to their lag, the more so the busier the views.)
 * <p>
 * A sample counts for the phase that was current when it was taken ({@link #phase}), as well as for its view and
 * for all of them: a phase's lag is that of the commands acknowledged during it, wherever their views caught up.
 */
final class LagProbe implements AutoCloseable {

    static final List<String> VIEWS = List.of("pipeline", "contacts", "lessons", "timeline", "analytics");
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);
    /**
     * Between two reads of the positions: the lag's resolution. Each read is a query on the server the launcher
     * shares two cores with; read every millisecond, the probe took a share of the CPU whose load it measures.
     */
    static final long POLL_MILLIS = 5;

    private final MongoCollection<Document> positions;
    private final int sampleEvery;
    private final BlockingQueue<Sample> samples = new LinkedBlockingQueue<>();
    private final Map<String, Stats> lag = new LinkedHashMap<>();
    private final Map<String, Stats> lagByPhase = new LinkedHashMap<>();
    private volatile Stats currentPhase = new Stats();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    LagProbe(MongoCollection<Document> positions, int sampleEvery) {
        this.positions = positions;
        this.sampleEvery = sampleEvery;
        VIEWS.forEach(view -> lag.put(view, new Stats()));
        this.thread = new Thread(this::probe, "lag-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** From now on, the samples taken count for {@code name} too (in all views). */
    void phase(String name) {
        Stats stats = new Stats();
        synchronized (lagByPhase) {
            lagByPhase.put(name, stats);
        }
        currentPhase = stats;
    }

    /** Takes every n-th acknowledgement as a sample. */
    void acknowledged(CommandMix.Acknowledged acknowledged) {
        if (offered.incrementAndGet() % sampleEvery == 0) {
            samples.offer(new Sample(acknowledged, currentPhase));
        }
    }

    Map<String, Stats> lag() {
        return lag;
    }

    /** Per phase named with {@link #phase}, the lag of the samples taken in it, all views together. */
    Map<String, Stats> lagByPhase() {
        synchronized (lagByPhase) {
            return new LinkedHashMap<>(lagByPhase);
        }
    }

    long gaveUp() {
        return gaveUp.get();
    }

    Stats all() {
        Stats all = new Stats();
        lag.values().forEach(all::addAll);
        return all;
    }

    private void probe() {
        // Per position id ("view/aggregate"), the samples waiting to be seen there.
        Map<String, List<Sample>> pending = new HashMap<>();
        while (running || !pending.isEmpty()) {
            List<Sample> taken = new ArrayList<>();
            samples.drainTo(taken);
            for (Sample sample : taken) {
                for (String view : VIEWS) {
                    pending.computeIfAbsent(view + "/" + sample.acknowledged().aggregateId(),
                            id -> new ArrayList<>()).add(sample);
                }
            }
            if (pending.isEmpty()) {
                if (!running) {
                    return;
                }
                LauncherChild.pause(1);
                continue;
            }
            Map<String, Long> applied = new HashMap<>();
            for (Document position : positions.find(Filters.in("_id", pending.keySet()))) {
                applied.put(position.getString("_id"), ((Number) position.get("sequence")).longValue());
            }
            long now = System.nanoTime();
            for (Iterator<Map.Entry<String, List<Sample>>> entries = pending.entrySet().iterator();
                 entries.hasNext(); ) {
                Map.Entry<String, List<Sample>> entry = entries.next();
                String view = entry.getKey().substring(0, entry.getKey().indexOf('/'));
                long sequence = applied.getOrDefault(entry.getKey(), -1L);
                entry.getValue().removeIf(sample -> {
                    long ackNanos = sample.acknowledged().ackNanos();
                    if (sequence >= sample.acknowledged().sequence()) {
                        lag.get(view).add(Math.max(0, now - ackNanos));
                        sample.phase().add(Math.max(0, now - ackNanos));
                        return true;
                    }
                    if (now - ackNanos > GIVE_UP_NANOS) {
                        gaveUp.incrementAndGet();
                        return true;
                    }
                    return false;
                });
                if (entry.getValue().isEmpty()) {
                    entries.remove();
                }
            }
            LauncherChild.pause(POLL_MILLIS);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(40));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A sampled acknowledgement and the lag of the phase it was taken in. */
    private record Sample(CommandMix.Acknowledged acknowledged, Stats phase) {
    }
}
