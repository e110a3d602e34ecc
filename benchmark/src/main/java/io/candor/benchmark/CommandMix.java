package io.candor.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Clients telling job searches over HTTP, the way the API is used: invitations, schedules, attendances, offers
 * accepted or declined, invitations declined, interviews cancelled. Each client registers its own candidate and
 * then tells one story after another, all of them that candidate's (or, given a number of stories per candidate,
 * registers a new candidate after that many); every command's latency is recorded. Paced, each client waits a
 * fixed time after each command, as a person at a screen does.
 */
final class CommandMix {

    /** What a run of the mix measured. */
    record Result(int clients, Stats latency, long commands, long failures, double seconds) {

        double throughput() {
            return commands / seconds;
        }
    }

    /** An acknowledged command, for the lag probe: its position and when the client heard of it. */
    record Acknowledged(String aggregateId, long sequence, long ackNanos) {
    }

    private static final Instant BASE = Instant.parse("2026-01-05T09:00:00Z");

    private final Http http;
    private final Consumer<Acknowledged> acknowledgements;
    /** Stories told of one candidate before a client registers the next; 0: one candidate for the whole run. */
    private final int storiesPerCandidate;
    /** What a client waits after each command before the next; zero: none. */
    private final Duration pace;

    CommandMix(Http http, Consumer<Acknowledged> acknowledgements) {
        this(http, acknowledgements, 0);
    }

    CommandMix(Http http, Consumer<Acknowledged> acknowledgements, int storiesPerCandidate) {
        this(http, acknowledgements, storiesPerCandidate, Duration.ZERO);
    }

    private CommandMix(Http http, Consumer<Acknowledged> acknowledgements, int storiesPerCandidate, Duration pace) {
        if (storiesPerCandidate < 0) {
            throw new IllegalArgumentException("stories per candidate must be 0 or more, not " + storiesPerCandidate);
        }
        this.http = http;
        this.acknowledgements = acknowledgements;
        this.storiesPerCandidate = storiesPerCandidate;
        this.pace = pace;
    }

    /** The same mix, each client waiting {@code pause} after each command. */
    CommandMix paced(Duration pause) {
        return new CommandMix(http, acknowledgements, storiesPerCandidate, pause);
    }

    /** Runs {@code clients} clients until {@code duration} has passed or {@code maxCommands} were sent. */
    Result run(int clients, Duration duration, long maxCommands) {
        Stats latency = new Stats();
        AtomicLong commands = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                Client client = new Client(latency, commands, failures);
                int story = 0;
                while (System.nanoTime() < deadline && commands.get() < maxCommands) {
                    client.tell(story++);
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Result(clients, latency, commands.get(), failures.get(), (System.nanoTime() - start) / 1e9);
    }

    private final class Client {

        private final Stats latency;
        private final AtomicLong commands;
        private final AtomicLong failures;
        private String candidate;

        Client(Stats latency, AtomicLong commands, AtomicLong failures) {
            this.latency = latency;
            this.commands = commands;
            this.failures = failures;
        }

        void tell(int story) {
            if (candidate == null || storiesPerCandidate > 0 && story % storiesPerCandidate == 0) {
                candidate = send("api/candidates", Map.of("displayName", "Bench Candidate", "email",
                        "bench@example.org", "employed", true)).id();
            }
            String opportunity = send("api/candidates/" + candidate + "/opportunities", body(
                    "company", "Company " + story, "role", "Engineer", "source", "RECRUITER", "channel", "EMAIL",
                    "receivedAt", at(0), "interest", story % 4 == 1 ? "UNSURE" : "INTERESTED",
                    "referrer", Map.of("name", "Recruiter " + story % 7, "email", "r" + story % 7 + "@agency.example"),
                    "companySignals", List.of())).id();
            if (opportunity.isEmpty()) {
                return;
            }
            String path = "api/opportunities/" + opportunity;
            switch (story % 4) {
                case 1 -> send(path + "/decline", body("reason", "FIT", "certainty", "UNSURE", "channel", "EMAIL",
                        "message", "Thank you for thinking of me; the role is not the right fit for me now.",
                        "decidedAt", at(1), "notifiedAt", at(1)));
                case 2 -> {
                    send(path + "/interviews", body("scheduledFor", at(5), "channel", "EMAIL", "agreedAt", at(1)));
                    send(path + "/interviews/1/cancel", body("reason", "ILLNESS", "channel", "EMAIL",
                            "message", "Thank you for your time; I am ill and must cancel our interview.",
                            "decidedAt", at(3), "notifiedAt", at(3)));
                }
                default -> {
                    send(path + "/interviews", body("scheduledFor", at(5), "channel", "EMAIL", "agreedAt", at(1)));
                    send(path + "/interviews/1/attendance", body("attendedAt", at(5), "interviewers",
                            List.of(Map.of("name", "Manager " + story % 5, "email", "m" + story % 5 + "@co.example",
                                    "title", "Engineering Manager", "role", "HIRING_MANAGER")),
                            "questions", List.of("Tell me about a hard problem you solved."),
                            "resumeClarifications", List.of(), "insights", List.of(), "fit", "GOOD"));
                    send(path + "/offer", body("salary", 90000, "currency", "EUR", "respondBy", at(14)));
                    if (story % 4 == 0) {
                        send(path + "/offer/accept", Map.of());
                    } else {
                        send(path + "/offer/decline", body("reason", "COMPENSATION", "channel", "EMAIL",
                                "message", "Thank you for the offer; I have decided to decline it."));
                    }
                }
            }
        }

        private Http.Exchange send(String path, Map<String, Object> body) {
            Http.Exchange exchange = http.post(path, body);
            latency.add(exchange.nanos());
            commands.incrementAndGet();
            if (!exchange.ok()) {
                failures.incrementAndGet();
            } else if (path.startsWith("api/opportunities/")) {
                String[] position = exchange.position().split(":");
                acknowledgements.accept(new Acknowledged(position[0], Long.parseLong(position[1]), System.nanoTime()));
            }
            if (!pace.isZero()) {
                LauncherChild.pause(pace.toMillis());
            }
            return exchange;
        }
    }

    private static String at(int days) {
        return BASE.plus(Duration.ofDays(days)).toString();
    }

    private static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return body;
    }
}
