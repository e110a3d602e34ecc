package io.candor.query.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.candor.infrastructure.TokenFence;
import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Per view and per aggregate, the last event sequence number the view has applied: one document per pair in
 * {@value #COLLECTION}, {@code _id = "<view>/<aggregateId>"}, so every read is an exact match on {@code _id}.
 * Read-your-writes waits on it, and the benchmark measures each view's lag by it; no view reads it to decide what to
 * apply (each document keeps its own guard).
 * <p>
 * A view's processor writes the positions of a batch {@linkplain #recordInBackground in the background}, after the
 * batch's documents, and goes on to its next batch meanwhile: under load every round trip waits its turn on the
 * cores, and a batch that waited for its positions too took a third longer. Each processor thread has one such write
 * at a time; its next batch waits for it before sending its own, and its next token waits until the positions are
 * stored ({@link TokenFence}), so that a process that dies never leaves a token past positions it did not write. A
 * write that fails is sent again with the thread's next one, and counts as stored once that one is. A position read
 * in this process waits (a second at most) for this process's writes of the view's positions in flight, so a reader
 * here does not see the view's documents without their positions for longer than before.
 */
@Component
public class ViewPositions {

    public static final String COLLECTION = "view_positions";

    private static final Logger log = LoggerFactory.getLogger(ViewPositions.class);
    /** The longest a position read in this process waits for a write of the view's positions in flight. */
    private static final Duration READ_WAIT = Duration.ofSeconds(1);

    private final MongoCollection<Document> positions;
    private final ExecutorService writer = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "view-positions");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Per view and processor thread ({@link #writerKey}), its last write in the background while it is in flight, or
     * if it failed. A thread's writes follow one another; two segments of a view in one process write on two threads.
     */
    private final Map<String, InBackground> inBackground = new ConcurrentHashMap<>();

    public ViewPositions(MongoDatabase candorDatabase) {
        this.positions = candorDatabase.getCollection(COLLECTION);
        positions.createIndex(Indexes.ascending("view"));
    }

    /** The positions of one write in the background, and its outcome. */
    private static final class InBackground {

        private final String view;
        private final Map<String, Long> sequences;
        private final CompletableFuture<Void> written;
        /** The later write that carries these positions again, this one having failed; null until there is one. */
        private volatile InBackground carriedBy;

        InBackground(String view, Map<String, Long> sequences, CompletableFuture<Void> written) {
            this.view = view;
            this.sequences = sequences;
            this.written = written;
        }

        /** Waits for the write to end; true if it stored its positions. */
        boolean await() {
            try {
                written.join();
                return true;
            } catch (CompletionException | CancellationException failed) {
                return false;
            }
        }

        /** Waits for the write to end, at most {@code timeout}: a reader's look at the positions. */
        void awaitAtMost(Duration timeout) {
            try {
                written.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | CancellationException notYet) {
                // the reader looks at what is stored, and looks again if it must
            }
        }

        /**
         * Waits until these positions are stored, by this write or by the later one that carried them; throws if
         * they are not (this write failed and none carried them yet).
         */
        void awaitStored() {
            if (await()) {
                return;
            }
            InBackground carrier = carriedBy;
            if (carrier == null) {
                throw new IllegalStateException("The positions of view " + view + " were not written", failure());
            }
            carrier.awaitStored();
        }

        Throwable failure() {
            return written.handle((done, failure) -> failure).join();
        }
    }

    /** The last sequence {@code view} applied for {@code aggregateId}, or -1 if it has seen none. */
    public long sequence(String view, String aggregateId) {
        List<InBackground> inFlight = writesOf(view);
        inFlight.removeIf(write -> write.written.isDone());
        if (!inFlight.isEmpty()) { // a request waiting for them is not one a view catching up makes way for
            RequestsInFlight.whileWaiting(() -> inFlight.forEach(write -> write.awaitAtMost(READ_WAIT)));
        }
        Document position = positions.find(Filters.eq("_id", key(view, aggregateId))).first();
        return position == null ? -1 : ((Number) position.get("sequence")).longValue();
    }

    /** Records that {@code view} has applied {@code sequence} of {@code aggregateId}; never moves a position back. */
    public void record(String view, String aggregateId, long sequence) {
        recordAll(view, Map.of(aggregateId, sequence));
    }

    /** Records several positions of {@code view} in one bulk write, as {@link #record} would one by one. */
    public void recordAll(String view, Map<String, Long> sequences) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>(sequences.size());
        sequences.forEach((aggregateId, sequence) -> writes.add(new UpdateOneModel<>(
                Filters.eq("_id", key(view, aggregateId)),
                Updates.combine(Updates.set("view", view), Updates.set("aggregateId", aggregateId),
                        Updates.max("sequence", sequence)),
                new UpdateOptions().upsert(true))));
        if (!writes.isEmpty()) {
            positions.bulkWrite(writes);
        }
    }

    /**
     * Records, like {@link #recordAll}, that {@code view} has applied these sequences, in a write of its own in the
     * background, once this thread's write of the view before it is done (with what that one failed to write).
     * Called by a view's processor, on its thread, in a batch: its next token waits until they are stored
     * ({@link TokenFence}).
     */
    public void recordInBackground(String view, Map<String, Long> sequences) {
        Map<String, Long> toWrite = new HashMap<>(sequences);
        String key = writerKey(view);
        InBackground before = inBackground.get(key);
        boolean beforeFailed = before != null && !before.await();
        if (beforeFailed) {
            log.warn("View {} failed to write the positions of {} aggregates; writing them with its next ones", view,
                    before.sequences.size(), before.failure());
            before.sequences.forEach((aggregateId, sequence) -> toWrite.merge(aggregateId, sequence, Math::max));
        }
        InBackground write = new InBackground(view, toWrite,
                CompletableFuture.runAsync(() -> recordAll(view, toWrite), writer));
        if (beforeFailed) {
            before.carriedBy = write;
        }
        inBackground.put(key, write);
        // once stored it is nothing to wait for or to carry: gone, so a thread that stops leaves nothing behind
        write.written.thenRun(() -> inBackground.remove(key, write));
        TokenFence.await(write::awaitStored);
    }

    /** Waits for the writes in the background in flight, before the database is closed. */
    @PreDestroy
    public void close() {
        inBackground.values().forEach(InBackground::await);
        writer.shutdown();
    }

    /**
     * Completes once each write of {@code view}'s positions in flight in this process now (each processor thread's
     * last) has ended: stored, or failed (its positions then go again with its thread's next write, and its next token
     * waits for them). A processor's status moves past a batch once the batch has committed, before its positions are
     * stored: a replay is done only once they are too. Writes begun after this call are not waited for.
     */
    public CompletableFuture<Void> writesInFlight(String view) {
        return CompletableFuture.allOf(writesOf(view).stream()
                .map(inFlight -> inFlight.written.handle((stored, failure) -> null))
                .toArray(CompletableFuture[]::new));
    }

    /** Forgets every position of {@code view}: part of its reset before a replay. */
    public void clear(String view) {
        for (String key : List.copyOf(inBackground.keySet())) {
            if (key.startsWith(view + '\u0000')) {
                InBackground inFlight = inBackground.remove(key);
                if (inFlight != null) {
                    inFlight.await(); // not to land after the positions are gone
                }
            }
        }
        positions.deleteMany(Filters.eq("view", view));
    }

    /** This process's last writes in the background of the view's positions, one per thread that wrote them. */
    private List<InBackground> writesOf(String view) {
        List<InBackground> writes = new ArrayList<>();
        inBackground.forEach((key, write) -> {
            if (key.startsWith(view + '\u0000')) {
                writes.add(write);
            }
        });
        return writes;
    }

    private static String writerKey(String view) {
        return view + '\u0000' + Thread.currentThread().getId();
    }

    private static String key(String view, String aggregateId) {
        return view + "/" + aggregateId;
    }
}
