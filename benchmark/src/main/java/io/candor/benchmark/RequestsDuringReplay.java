package io.candor.benchmark;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a user waits for while the views replay: one client on a thread of its own, one request at a time with
 * {@value #PAUSE_MILLIS} ms between them, alternating a command (a candidate's registration) and a read of a view
 * (that candidate's pipeline, without waiting for it to show the candidate). Each latency is recorded.
 */
final class RequestsDuringReplay implements AutoCloseable {

    /** Between two requests: a person clicking, not a load; the replay is the load. */
    static final long PAUSE_MILLIS = 50;

    private final Http http;
    private final Stats commands = new Stats();
    private final Stats reads = new Stats();
    private final Thread client;
    private volatile boolean stopped;

    RequestsDuringReplay(Http http) {
        this.http = http;
        this.client = new Thread(this::run, "requests-during-replay");
        client.setDaemon(true);
        client.start();
    }

    private void run() {
        while (!stopped) {
            Http.Exchange registered = http.post("api/candidates", Map.of("displayName", "Replay Visitor",
                    "email", "visitor@example.org", "employed", true));
            commands.add(registered.nanos());
            if (registered.ok()) {
                reads.add(http.get("api/candidates/" + registered.id() + "/pipeline").nanos());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Stats commands() {
        return commands;
    }

    Stats reads() {
        return reads;
    }

    /**
     * Stops the client after its request in flight, if any, and waits for it: a request slower than the replay it began
     * in is the one that most needs counting.
     */
    @Override
    public void close() {
        stopped = true;
        try {
            client.join(TimeUnit.SECONDS.toMillis(70));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
