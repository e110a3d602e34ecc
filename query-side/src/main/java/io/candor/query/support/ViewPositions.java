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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Per view and per aggregate, the last event sequence number the view has applied: one document per pair in
 * {@value #COLLECTION}, {@code _id = "<view>/<aggregateId>"}, so every read is an exact match on {@code _id}.
 * Read-your-writes waits on it, and the benchmark measures each view's lag by it; no view reads it to decide what to
 * apply (each document keeps its own guard).
 * <p>
 * A view's processor writes the positions of a batch {@linkplain #recordInBackground in the background}, after the
 * batch's documents, and goes on to its next batch meanwhile: under load every round trip waits its turn on the
 * cores, and a batch that waited for its positions too took a third longer. Each view has one such write at a time;
 * its next batch waits for it before sending its own, and the processor's next token waits for it too
 * ({@link TokenFence}), so that a process that dies never leaves a token past positions it did not write. A write
 * that fails is sent again with the view's next one. A position read in this process waits for this process's write
 * of the view's positions in flight, so a reader here never sees the view's documents without their positions for
 * longer than it did.
 */
@Component
public class ViewPositions {

    public static final String COLLECTION = "view_positions";

    private static final Logger log = LoggerFactory.getLogger(ViewPositions.class);

    private final MongoCollection<Document> positions;
    private final ExecutorService writer = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "view-positions");
        thread.setDaemon(true);
        return thread;
    });
    /** Per view, its write in the background, in flight or done; none before its first. */
    private final Map<String, InBackground> inBackground = new ConcurrentHashMap<>();

    public ViewPositions(MongoDatabase candorDatabase) {
        this.positions = candorDatabase.getCollection(COLLECTION);
        positions.createIndex(Indexes.ascending("view"));
    }

    /** The positions of one write in the background, and its outcome. */
    private record InBackground(String view, Map<String, Long> sequences, CompletableFuture<Void> written) {

        /** Waits for the write to end; true if it stored its positions. */
        boolean await() {
            try {
                written.join();
                return true;
            } catch (CompletionException | CancellationException failed) {
                return false;
            }
        }

        /** Waits for the write to end; throws if it failed (its positions are then written with the view's next). */
        void awaitStored() {
            if (!await()) {
                throw new IllegalStateException("The positions of view " + view + " were not written", failure());
            }
        }

        Throwable failure() {
            return written.handle((done, failure) -> failure).join();
        }
    }

    /** The last sequence {@code view} applied for {@code aggregateId}, or -1 if it has seen none. */
    public long sequence(String view, String aggregateId) {
        InBackground inFlight = inBackground.get(view);
        if (inFlight != null) {
            inFlight.await();
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
     * background, once the view's write before it is done (with what that one failed to write). Called by the
     * view's processor, on its thread: its next token waits for the write ({@link TokenFence}).
     */
    public void recordInBackground(String view, Map<String, Long> sequences) {
        Map<String, Long> toWrite = new HashMap<>(sequences);
        InBackground before = inBackground.get(view);
        if (before != null && !before.await()) {
            log.warn("View {} failed to write the positions of {} aggregates; writing them with its next ones", view,
                    before.sequences().size(), before.failure());
            before.sequences().forEach((aggregateId, sequence) -> toWrite.merge(aggregateId, sequence, Math::max));
        }
        InBackground write = new InBackground(view, toWrite,
                CompletableFuture.runAsync(() -> recordAll(view, toWrite), writer));
        inBackground.put(view, write);
        TokenFence.await(write, write::awaitStored);
    }

    /** Waits for the writes in the background in flight, before the database is closed. */
    @PreDestroy
    public void close() {
        inBackground.values().forEach(InBackground::await);
        writer.shutdown();
    }

    /** Forgets every position of {@code view}: part of its reset before a replay. */
    public void clear(String view) {
        InBackground inFlight = inBackground.remove(view);
        if (inFlight != null) {
            inFlight.await(); // not to land after the positions are gone
        }
        positions.deleteMany(Filters.eq("view", view));
    }

    private static String key(String view, String aggregateId) {
        return view + "/" + aggregateId;
    }
}
