package io.candor.command.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.candor.command.idempotency.IdempotencyRecords.Kept;
import io.candor.command.idempotency.IdempotencyRecords.KeptResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.candor.command.web.CommandAudit;
import io.candor.command.web.CommandIntent;
import io.candor.command.web.CommandResponse;
import io.candor.command.web.CommandSender;
import io.candor.command.web.EventPosition;
import io.candor.infrastructure.eventstore.RecordedAttempts;
import io.candor.infrastructure.eventstore.RecordedAttempts.Recorded;
import io.candor.infrastructure.durability.WriteDurability;
import io.candor.infrastructure.security.CandorUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code Idempotency-Key} on every command ({@code POST /api/...}), as the IETF draft
 * "The Idempotency-Key HTTP Header Field" describes it:
 * <ul>
 *   <li>the first request with a key claims it, is handled, and its response (status, body, {@code Location},
 *       {@code Candor-Position}) is kept for {@link IdempotencyRecords#RETENTION};</li>
 *   <li>a retry with the same key and the same request (method, path, body) gets that response again, marked
 *       {@code Idempotent-Replayed: true}, and nothing is sent to the aggregates: no second event;</li>
 *   <li>the same key with another request: 422, the key is at fault; while the first request is still being
 *       handled: 409 with {@code Retry-After}.</li>
 * </ul>
 * A refusal (4xx) is an outcome like a success and is kept too. A failure of the server (5xx) may hide a success:
 * the database can store a command's events and go away before acknowledging them. So each attempt has an id that
 * its events carry ({@link CommandAudit#ATTEMPT_ATTRIBUTE}), and after a failure the filter asks the store, once the
 * database answers again and the attempt's writes have settled ({@link #SETTLE}), whether the attempt stored
 * anything: if it did, the response it would have given is kept ({@link CommandIntent}); if not, the key is
 * released and a retry runs the command. The retries meanwhile get 409 with {@code Retry-After}. The response of a
 * kept outcome is made durable before it is sent ({@link WriteDurability}), so a crash after the answer cannot
 * make a retry run the command again.
 * <p>
 * What is not covered: if the process dies after claiming a key and before keeping its outcome, the key stays
 * claimed; after {@link #ABANDONED_AFTER} a retry is told whether the first attempt stored events (409, with
 * their position) or, if it stored none, runs the command itself. Never a second event.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class IdempotencyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    /** A claim older than this whose request never finished belongs to a request that died with its process. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);
    /**
     * How long after a failed attempt the store is asked what it stored: a write sent before the failure may still
     * be applied by the server in the meantime (a lost connection does not cancel an insert already received).
     */
    static final Duration SETTLE = Duration.ofSeconds(2);
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.LOCATION,
            CommandSender.POSITION_HEADER);

    private final IdempotencyRecords records;
    private final WriteDurability durability;
    private final ObjectMapper json;
    private final Clock clock;
    private final long maxBody;
    /** Not commands: their answers (an API token, shown once) must never be kept anywhere. */
    private static final List<String> ACCOUNTS = List.of("/api/tokens", "/api/users", "/api/me");

    private final RecordedAttempts attempts;
    /** Failed attempts whose outcome is still to be found out, by key. */
    private final Map<String, Failed> unresolved = new ConcurrentHashMap<>();
    private final ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "idempotency-releaser");
        thread.setDaemon(true);
        return thread;
    });

    IdempotencyFilter(MongoDatabase candorDatabase, RecordedAttempts attempts, WriteDurability durability,
                      ObjectMapper json, @Value("${candor.command.max-body-size:64KB}") DataSize maxBody) {
        this.clock = Clock.systemUTC();
        this.records = new IdempotencyRecords(candorDatabase, clock);
        this.attempts = attempts;
        this.durability = durability;
        this.json = json;
        this.maxBody = maxBody.toBytes();
        releaser.scheduleWithFixedDelay(this::resolveFailed, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"POST".equals(request.getMethod()) || !path.startsWith("/api/") || request.getHeader(HEADER) == null
                || ACCOUNTS.stream().anyMatch(path::startsWith); // never keep a password or a token's secret
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        String fault = keyFault(key);
        if (fault != null) {
            problem(response, HttpStatus.BAD_REQUEST, "Bad Request", "The Idempotency-Key header " + fault + ".",
                    request, Map.of("errors", List.of(Map.of("field", HEADER, "message", fault))));
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        HttpServletRequest replayable = new CachedBody(request, body);
        if (body.length > maxBody) {
            chain.doFilter(replayable, response); // refused for its size further on; nothing to keep
            return;
        }
        String fingerprint = fingerprint(request, body);
        String owned = ownedBy(key);
        String attempt = UUID.randomUUID().toString();
        Optional<Kept> kept = records.claim(owned, fingerprint, attempt);
        if (kept.isPresent() && !takenOver(owned, kept.get(), fingerprint, attempt)) {
            answerFromKept(kept.get(), fingerprint, request, response);
            return;
        }
        handleFirst(owned, attempt, replayable, response, chain);
    }

    /**
     * Takes over the claim of a request that was abandoned (its process died) without storing anything, so that
     * this retry runs the command; false if the claim stands.
     */
    private boolean takenOver(String key, Kept kept, String fingerprint, String attempt) {
        return kept.response() == null && kept.fingerprint().equals(fingerprint) && abandoned(kept)
                && kept.attempt() != null && attempts.lastEventOf(kept.attempt()).isEmpty()
                && records.takeOver(key, kept.attempt(), attempt);
    }

    private boolean abandoned(Kept kept) {
        return kept.claimedAt().plus(ABANDONED_AFTER).isBefore(Instant.now(clock));
    }

    /**
     * The key as kept: with security on, the signed-in user's name and the key, so that one user's key never
     * answers, or even collides with, another's (the IETF draft scopes keys to the client).
     */
    private static String ownedBy(String key) {
        return CandorUser.current().map(user -> user.username() + "\n" + key).orElse(key);
    }

    private void handleFirst(String key, String attempt, HttpServletRequest request, HttpServletResponse response,
                             FilterChain chain) throws ServletException, IOException {
        request.setAttribute(CommandAudit.ATTEMPT_ATTRIBUTE, attempt);
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean handled = false;
        try {
            chain.doFilter(request, captured);
            handled = captured.getStatus() < 500;
        } finally {
            if (!handled) {
                failed(new Failed(key, attempt, CommandIntent.of(request).orElse(null), Instant.now(clock)));
            }
        }
        if (handled) {
            keep(key, attempt, captured);
        }
        captured.copyBodyToResponse();
    }

    /**
     * Keeps the outcome of a handled request. If that fails (the database went away after the command was
     * stored), the client still hears the outcome, and the key stays claimed: a retry is told the outcome is
     * unknown rather than handled twice.
     */
    private void keep(String key, String attempt, ContentCachingResponseWrapper captured) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (captured.getContentType() != null) {
            headers.put(HttpHeaders.CONTENT_TYPE, captured.getContentType());
        }
        for (String name : KEPT_HEADERS) {
            String value = captured.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        try {
            records.complete(key, attempt, new KeptResponse(captured.getStatus(), headers, captured.getContentAsByteArray()));
            durability.awaitDurable();
        } catch (RuntimeException notKept) {
            log.warn("The outcome of the request with Idempotency-Key {} could not be kept: {}", key,
                    notKept.toString());
        }
    }

    /** A failed attempt: its key, its id, what it would have answered (if it sent a command), and when it failed. */
    private record Failed(String key, String attempt, CommandIntent intent, Instant at) {
    }

    /**
     * An attempt failed on the server. One that sent no command stored nothing: its key is released at once (or as
     * soon as the database is back). One that did is looked into once it has settled.
     */
    private void failed(Failed attempt) {
        if (attempt.intent() == null) {
            try {
                records.release(attempt.key(), attempt.attempt());
                return;
            } catch (RuntimeException databaseDown) {
                // released by the resolver when the database is back
            }
        }
        unresolved.put(attempt.key(), attempt);
    }

    /** Runs every second: finds out what each failed attempt stored, and keeps or releases its key accordingly. */
    private void resolveFailed() {
        Instant settled = Instant.now(clock).minus(SETTLE);
        for (Failed attempt : List.copyOf(unresolved.values())) {
            if (attempt.intent() != null && attempt.at().isAfter(settled)) {
                continue;
            }
            try {
                resolve(attempt);
                unresolved.remove(attempt.key());
            } catch (RuntimeException stillDown) {
                return;
            }
        }
    }

    private void resolve(Failed attempt) {
        Optional<Recorded> recorded = attempt.intent() == null ? Optional.empty()
                : attempts.lastEventOf(attempt.attempt());
        if (recorded.isEmpty()) {
            records.release(attempt.key(), attempt.attempt());
            return;
        }
        log.info("The request with Idempotency-Key {} failed after its events were stored; its response is kept",
                attempt.key());
        records.complete(attempt.key(), attempt.attempt(), responseOf(attempt.intent(), recorded.get()));
        durability.awaitDurable();
    }

    /** The response that an attempt which stored {@code last} as its last event would have given. */
    private KeptResponse responseOf(CommandIntent intent, Recorded last) {
        Integer round = intent.withRound() ? roundOf(last.payload()) : null;
        EventPosition position = new EventPosition(last.aggregateId(), last.sequence());
        try {
            return new KeptResponse(intent.status(), Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE,
                    CommandSender.POSITION_HEADER, position.header()),
                    json.writeValueAsBytes(new CommandResponse(intent.id(), round, position)));
        } catch (IOException e) {
            throw new IllegalStateException("A command response is always JSON", e);
        }
    }

    private Integer roundOf(String payload) {
        try {
            JsonNode round = json.readTree(payload).path("round");
            return round.isInt() ? round.intValue() : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    @Override
    public void destroy() {
        releaser.shutdownNow();
    }

    private void answerFromKept(Kept kept, String fingerprint, HttpServletRequest request,
                                HttpServletResponse response) throws IOException {
        if (!kept.fingerprint().equals(fingerprint)) {
            String message = "was already used for a different request";
            problem(response, HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
                    "This Idempotency-Key " + message + "; use a new key for a new request.", request,
                    Map.of("errors", List.of(Map.of("field", HEADER, "message", message))));
            return;
        }
        if (kept.response() == null) {
            if (abandoned(kept)) {
                abandonedAnswer(kept, request, response);
            } else {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                problem(response, HttpStatus.CONFLICT, "In progress", "A request with this Idempotency-Key is "
                        + "still being handled; retry in a moment.", request, Map.of());
            }
            return;
        }
        KeptResponse first = kept.response();
        response.setStatus(first.status());
        first.headers().forEach(response::setHeader);
        response.setHeader(REPLAYED_HEADER, "true");
        response.setContentLength(first.body().length);
        response.getOutputStream().write(first.body());
    }

    /**
     * The answer about a request that stopped (its process died) before its outcome was kept, and that did store
     * events, or whose store cannot be asked (a claim of an older release): never runs the command again.
     */
    private void abandonedAnswer(Kept kept, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<Recorded> recorded = kept.attempt() == null ? Optional.empty() : attempts.lastEventOf(kept.attempt());
        if (recorded.isPresent()) {
            EventPosition position = new EventPosition(recorded.get().aggregateId(), recorded.get().sequence());
            response.setHeader(CommandSender.POSITION_HEADER, position.header());
            problem(response, HttpStatus.CONFLICT, "Already recorded", "The first request with this "
                    + "Idempotency-Key was recorded, but it stopped before its response was kept. Read the "
                    + "resource; its last event is at the position given.", request,
                    Map.of("position", position));
            return;
        }
        problem(response, HttpStatus.CONFLICT, "Outcome unknown", "The first request with this "
                + "Idempotency-Key stopped before its outcome was kept; it may or may not have been "
                + "recorded. Read the resource, then use a new key if it is still needed.", request, Map.of());
    }

    /** Why {@code key} is not a usable key, or null: 1 to 255 visible ASCII characters. */
    static String keyFault(String key) {
        if (key.isEmpty()) {
            return "must not be empty";
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return "must be at most " + MAX_KEY_LENGTH + " characters";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "must be visible ASCII characters only";
            }
        }
        return null;
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + ' ' + request.getRequestURI() + '?'
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + '\n')
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private void problem(HttpServletResponse response, HttpStatus status, String title, String detail,
                         HttpServletRequest request, Map<String, Object> properties) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        properties.forEach(problem::setProperty);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The request with its body already read, served again from memory. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return body.length == 0 || inAvailable() == 0;
                }

                private int inAvailable() {
                    try {
                        return in.available();
                    } catch (IOException e) {
                        return 0;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }
    }
}
