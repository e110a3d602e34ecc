package io.candor.query.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.candor.infrastructure.IdLookups;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per view and per aggregate, the last event sequence number the view has applied: one document per pair in
 * {@value #COLLECTION}, {@code _id = "<view>/<aggregateId>"}, so every read is an exact match on {@code _id}.
 * Read-your-writes waits on it; projections whose state spans several aggregates also use it as their guard.
 */
@Component
public class ViewPositions {

    public static final String COLLECTION = "view_positions";

    private final MongoCollection<Document> positions;

    public ViewPositions(MongoDatabase candorDatabase) {
        this.positions = candorDatabase.getCollection(COLLECTION);
        positions.createIndex(Indexes.ascending("view"));
    }

    /** The last sequence {@code view} applied for {@code aggregateId}, or -1 if it has seen none. */
    public long sequence(String view, String aggregateId) {
        Document position = positions.find(Filters.eq("_id", key(view, aggregateId))).first();
        return position == null ? -1 : ((Number) position.get("sequence")).longValue();
    }

    /** The last sequences {@code view} applied for each of {@code aggregateIds} it has seen, in one query. */
    public Map<String, Long> sequences(String view, Collection<String> aggregateIds) {
        Map<String, Long> sequences = new HashMap<>();
        List<String> keys = aggregateIds.stream().map(aggregateId -> key(view, aggregateId)).toList();
        for (Document position : IdLookups.find(positions, "_id", keys)) {
            sequences.put(position.getString("aggregateId"), ((Number) position.get("sequence")).longValue());
        }
        return sequences;
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

    /** Forgets every position of {@code view}: part of its reset before a replay. */
    public void clear(String view) {
        positions.deleteMany(Filters.eq("view", view));
    }

    private static String key(String view, String aggregateId) {
        return view + "/" + aggregateId;
    }
}
