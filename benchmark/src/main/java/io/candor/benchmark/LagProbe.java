package io.candor.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Projection lag: for a sample of acknowledged commands, the time from the client hearing the acknowledgement to
 * each view recording that it applied the event ({@code view_positions}, read straight from the same server).
 */
final class LagProbe implements AutoCloseable {

    static final List<String> VIEWS = List.of("pipeline", "contacts", "lessons", "timeline");
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final MongoCollection<Document> positions;
    private final int sampleEvery;
    private final BlockingQueue<CommandMix.Acknowledged> samples = new ArrayBlockingQueue<>(64);
    private final Map<String, Stats> lag = new LinkedHashMap<>();
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

    /** Takes every n-th acknowledgement as a sample, while the probe is free to follow it. */
    void acknowledged(CommandMix.Acknowledged acknowledged) {
        if (offered.incrementAndGet() % sampleEvery == 0) {
            samples.offer(acknowledged);
        }
    }

    Map<String, Stats> lag() {
        return lag;
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
        while (running) {
            CommandMix.Acknowledged sample;
            try {
                sample = samples.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (sample == null) {
                continue;
            }
            Map<String, Boolean> seen = new LinkedHashMap<>();
            while (seen.size() < VIEWS.size()) {
                long now = System.nanoTime();
                if (now - sample.ackNanos() > GIVE_UP_NANOS) {
                    gaveUp.incrementAndGet();
                    break;
                }
                for (String view : VIEWS) {
                    if (!seen.containsKey(view)) {
                        Document position = positions.find(Filters.eq("_id", view + "/" + sample.aggregateId())).first();
                        if (position != null && ((Number) position.get("sequence")).longValue() >= sample.sequence()) {
                            lag.get(view).add(Math.max(0, System.nanoTime() - sample.ackNanos()));
                            seen.put(view, true);
                        }
                    }
                }
                LauncherChild.pause(1);
            }
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
}
