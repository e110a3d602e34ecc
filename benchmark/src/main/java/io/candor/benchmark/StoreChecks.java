package io.candor.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.RawBsonDocument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the benchmark reads straight from the database: counts, scans, positions, token sizes, the views' tally. */
final class StoreChecks {

    static final String EVENTS = "events";
    static final String TOKENS = "trackingtokens";
    static final String POSITIONS = "view_positions";
    static final String TIMELINE = "timeline_pages";
    static final String PIPELINE = "pipeline_opportunities";
    /** The views' dead-letter queues: an event whose handler failed is parked there, not applied. */
    static final String DEAD_LETTERS = "dead_letters";

    /** Events missed and applied twice by the views, counted per aggregate sequence. */
    record Tally(long events, long missed, long duplicates, List<String> examples) {

        /** Prints what the tally found not as it should be, up to ten of them. */
        void sayExamples() {
            examples.forEach(example -> CandorBenchmark.say("  not as it should be: %s", example));
        }
    }

    private final MongoDatabase database;

    StoreChecks(MongoDatabase database) {
        this.database = database;
    }

    long storedEvents() {
        return database.getCollection(EVENTS).countDocuments();
    }

    /** Opportunities stored: first events of Opportunity aggregates. */
    long storedOpportunities() {
        return database.getCollection(EVENTS).countDocuments(
                Filters.and(Filters.eq("type", "Opportunity"), Filters.eq("sequenceNumber", 0)));
    }

    /** A raw cursor over every stored event: events per second, best of {@code rounds}. */
    double rawScanEventsPerSecond(int rounds) {
        double best = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            long count = 0;
            for (RawBsonDocument ignored : database.getCollection(EVENTS, RawBsonDocument.class).find().batchSize(1000)) {
                count++;
            }
            best = Math.max(best, count / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }

    /** {@code aggregateId:sequence} of the most recently stored event. */
    String lastPosition() {
        Document last = database.getCollection(EVENTS).find()
                .sort(Sorts.descending("_id"))
                .projection(Projections.include("aggregateIdentifier", "sequenceNumber")).first();
        return last.getString("aggregateIdentifier") + ":" + ((Number) last.get("sequenceNumber")).longValue();
    }

    /** Whether every view has applied {@code aggregateId:sequence}. */
    boolean applied(String position) {
        String aggregate = position.substring(0, position.lastIndexOf(':'));
        long sequence = Long.parseLong(position.substring(position.lastIndexOf(':') + 1));
        MongoCollection<Document> positions = database.getCollection(POSITIONS);
        for (String view : LagProbe.VIEWS) {
            Document applied = positions.find(Filters.eq("_id", view + "/" + aggregate)).first();
            if (applied == null || ((Number) applied.get("sequence")).longValue() < sequence) {
                return false;
            }
        }
        return true;
    }

    /** Waits until every view has applied {@code position}; the seconds it took, or NaN past the limit. */
    double awaitApplied(String position, double limitSeconds) {
        long start = System.nanoTime();
        while (!applied(position)) {
            if ((System.nanoTime() - start) / 1e9 > limitSeconds) {
                return Double.NaN;
            }
            LauncherChild.pause(50);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * {@link #tally()}, taken again for up to {@code settleSeconds} while it counts events missed: an event whose
     * position was taken before the last one's but written after it is still on its way, not missed. What is still
     * missing then is counted.
     */
    Tally settledTally(double settleSeconds) {
        long start = System.nanoTime();
        Tally tally = tally();
        while (tally.missed() > 0 && (System.nanoTime() - start) / 1e9 < settleSeconds) {
            LauncherChild.pause(200);
            tally = tally();
        }
        return tally;
    }

    /**
     * The timeline keeps one entry per event (in pages of a candidate's entries): any stored event without one was
     * missed, any (aggregate, sequence) with two was applied twice. The pipeline keeps one entry per event of an
     * opportunity in its history: any without one was missed there. Every other view must have applied each
     * aggregate's last sequence.
     */
    Tally tally() {
        Map<String, Long> lastSequence = new HashMap<>();
        long events = 0;
        for (Document event : database.getCollection(EVENTS).find()
                .projection(Projections.include("aggregateIdentifier", "sequenceNumber"))) {
            lastSequence.merge(event.getString("aggregateIdentifier"),
                    ((Number) event.get("sequenceNumber")).longValue(), Math::max);
            events++;
        }
        Map<String, Integer> timeline = new HashMap<>();
        // Pages of up to about 20 KB: in batches of 100, as the embedded server would otherwise send the rest at once.
        for (Document page : database.getCollection(TIMELINE).find()
                .projection(Projections.include("entries")).batchSize(100)) {
            for (Document entry : page.getList("entries", Document.class, List.of())) {
                timeline.merge(entry.getString("aggregateId") + ":" + ((Number) entry.get("sequence")).longValue(), 1,
                        Integer::sum);
            }
        }
        long duplicates = timeline.values().stream().mapToLong(count -> count - 1L).sum();
        long missed = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, Long> aggregate : lastSequence.entrySet()) {
            for (long sequence = 0; sequence <= aggregate.getValue(); sequence++) {
                if (!timeline.containsKey(aggregate.getKey() + ":" + sequence)) {
                    missed++;
                    example(examples, "timeline has no entry for " + aggregate.getKey() + ":" + sequence);
                }
            }
        }
        timeline.forEach((entry, count) -> {
            if (count > 1) {
                example(examples, "timeline has " + count + " entries for " + entry);
            }
        });
        Map<String, Long> applied = new HashMap<>();
        for (Document position : database.getCollection(POSITIONS).find()) {
            applied.put(position.getString("_id"), ((Number) position.get("sequence")).longValue());
        }
        for (String view : LagProbe.VIEWS.stream().filter(view -> !view.equals("timeline")).toList()) {
            for (Map.Entry<String, Long> aggregate : lastSequence.entrySet()) {
                long seen = applied.getOrDefault(view + "/" + aggregate.getKey(), -1L);
                missed += Math.max(0, aggregate.getValue() - seen);
                if (seen < aggregate.getValue()) {
                    example(examples, view + " applied " + aggregate.getKey() + " up to " + seen + " of "
                            + aggregate.getValue());
                }
            }
        }
        // The pipeline keeps each event of an opportunity in its history: one missing there was skipped
        for (Document opportunity : database.getCollection(PIPELINE).find()
                .projection(Projections.include("history.sequence")).batchSize(1_000)) {
            String id = opportunity.getString("_id");
            Long last = lastSequence.get(id);
            if (last == null) {
                continue;
            }
            Set<Long> inHistory = new HashSet<>();
            for (Document entry : opportunity.getList("history", Document.class, List.of())) {
                inHistory.add(((Number) entry.get("sequence")).longValue());
            }
            for (long sequence = 0; sequence <= last; sequence++) {
                if (!inHistory.contains(sequence)) {
                    missed++;
                    example(examples, "pipeline's history of " + id + " has no entry for " + sequence);
                }
            }
        }
        for (Document letter : database.getCollection(DEAD_LETTERS).find().limit(10)) {
            example(examples, "parked in " + letter.get("view") + ": " + letter.get("sequenceIdentifier") + " #"
                    + letter.get("sequenceIndex") + ", " + letter.get("cause"));
        }
        return new Tally(events, missed, duplicates, examples);
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < 10) {
            examples.add(example);
        }
    }

    /** The largest stored tracking token, in bytes of BSON. */
    long largestTokenBytes() {
        long largest = 0;
        for (RawBsonDocument token : database.getCollection(TOKENS, RawBsonDocument.class).find()) {
            largest = Math.max(largest, token.getByteBuffer().remaining());
        }
        return largest;
    }

    /** Empties every view and forgets every token, so the next start replays the whole store. */
    void forgetViews(Iterable<String> viewCollections) {
        for (String collection : viewCollections) {
            database.getCollection(collection).drop();
        }
        database.getCollection(POSITIONS).drop();
        database.getCollection(TOKENS).drop();
    }
}
