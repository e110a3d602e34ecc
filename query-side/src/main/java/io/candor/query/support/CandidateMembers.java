package io.candor.query.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.candor.infrastructure.IdLookups;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per candidate, the {@code _id}s of their documents in a view collection keyed otherwise (an opportunity, a
 * timeline entry): one document per candidate in its own collection. A query reads it by {@code _id} and then
 * fetches the documents with {@code _id $in}: both answered from the {@code _id} index on any MongoDB server,
 * so a candidate's view costs what the candidate has, not what the whole collection holds. (A secondary index on
 * {@code candidateId} does the same on MongoDB, but the embedded server uses no non-unique index and would scan
 * the collection for every query.) The list is written in the same batch as the documents it lists, and before
 * them: a batch that fails between the two writes is retried, and listing an id twice changes nothing.
 */
public final class CandidateMembers {

    /** Each list's length, counted by the server: the ids themselves are not sent. */
    private static final Bson COUNT =
            Projections.computed("count", new Document("$size", new Document("$ifNull", List.of("$ids", List.of()))));

    private final MongoCollection<Document> members;
    /**
     * The lists as this process last wrote them, for the projection that adds to them: a batch that lists a new
     * opportunity would otherwise read its candidate's list first.
     */
    private final ViewDocumentCache written = ViewDocumentCache.sizedForHeap();

    public CandidateMembers(MongoCollection<Document> members) {
        this.members = Objects.requireNonNull(members);
    }

    /** The stored shape: the ids in the order they were first seen. */
    static class Members {
        public LinkedHashSet<String> ids = new LinkedHashSet<>();
    }

    /** Lists {@code memberId} among the documents of {@code candidateId}; listing it twice changes nothing. */
    public void add(ViewBatch batch, String candidateId, String memberId) {
        Members current = batch.find(members, candidateId, Members.class, written);
        if (current == null) {
            current = new Members();
        }
        if (current.ids.add(memberId)) {
            batch.replaceFirst(members, candidateId, current);
        }
    }

    /** The ids listed for {@code candidateId}, in the order they were first seen; empty if none. */
    public List<String> of(String candidateId) {
        Document document = members.find(Filters.eq("_id", candidateId)).first();
        return document == null ? List.of() : new ArrayList<>(document.getList("ids", String.class, List.of()));
    }

    /**
     * How many ids are listed for each candidate that has a list (possibly none): one query over every list, not
     * one per candidate, in which the server counts each list and sends the counts, not the ids.
     */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        for (Document list : members.aggregate(List.of(Aggregates.project(COUNT)))) {
            counts.put(list.getString("_id"), list.get("count", Number.class).intValue());
        }
        return counts;
    }

    /**
     * The same, of these candidates only (a page of them): their lists read by {@code _id} and counted here, which
     * the embedded server answers from its index, where it would match an aggregation's {@code $match} against
     * every list.
     */
    public Map<String, Integer> counts(Collection<String> candidateIds) {
        Map<String, Integer> counts = new HashMap<>();
        for (Document list : IdLookups.find(members, "_id", candidateIds, Projections.include("ids"))) {
            counts.put(list.getString("_id"), list.getList("ids", String.class, List.of()).size());
        }
        return counts;
    }

    /** The documents of {@code candidateId} in {@code collection}. */
    public List<Document> documentsOf(String candidateId, MongoCollection<Document> collection) {
        List<String> ids = of(candidateId);
        return ids.isEmpty() ? List.of() : IdLookups.find(collection, "_id", ids);
    }

    /** Forgets every list, before a replay rebuilds them. */
    public void clear() {
        written.clear();
        members.deleteMany(new Document());
    }
}
