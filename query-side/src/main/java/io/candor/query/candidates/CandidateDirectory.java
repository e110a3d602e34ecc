package io.candor.query.candidates;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.candor.infrastructure.IdLookups;
import io.candor.infrastructure.IsoInstants;
import io.candor.infrastructure.security.CandorUser;
import io.candor.infrastructure.security.Owners;
import io.candor.infrastructure.security.TenantAccess;
import io.candor.query.support.CandidateMembers;
import io.candor.query.support.QueryNotFoundException;
import io.candor.query.support.ViewDocuments;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the candidates directory; every view asks it whether a candidate is known (404 otherwise). */
@Component
public class CandidateDirectory {

    /** The processing group (and position view name) the directory shares with the pipeline. */
    public static final String VIEW = "pipeline";
    public static final String CANDIDATES = "candidates";
    /** The pipeline's list of each candidate's opportunities (see {@link CandidateMembers}). */
    private static final String OPPORTUNITIES_BY_CANDIDATE = "pipeline_by_candidate";
    /** Oldest first; a candidate without a registration time last. */
    private static final Comparator<Instant> REGISTRATION_ORDER = Comparator.nullsLast(Comparator.naturalOrder());

    private final MongoCollection<Document> candidates;
    private final CandidateMembers opportunities;

    public CandidateDirectory(MongoDatabase candorDatabase) {
        this.candidates = candorDatabase.getCollection(CANDIDATES);
        this.opportunities = new CandidateMembers(candorDatabase.getCollection(OPPORTUNITIES_BY_CANDIDATE));
    }

    /** The candidate, or 404 if no CandidateRegistered of theirs has been projected. */
    public CandidateView get(String candidateId) {
        Document document = candidates.find(Filters.eq("_id", candidateId)).first();
        if (document == null || !document.getBoolean("registered", false)) {
            throw new QueryNotFoundException("No candidate " + candidateId);
        }
        CandidateView view = ViewDocuments.fromDocument(document, CandidateView.class);
        view.opportunities = opportunities.of(candidateId).size();
        return view;
    }

    /** Throws 404 unless the candidate is known. */
    public void requireKnown(String candidateId) {
        Document document = candidates.find(Filters.eq("_id", candidateId)).projection(Projections.include("registered")).first();
        if (document == null || !document.getBoolean("registered", false)) {
            throw new QueryNotFoundException("No candidate " + candidateId);
        }
    }

    /**
     * Every registered candidate the caller may see, by registration time: all of them with security off; with it
     * on, those of the signed-in user's firm, or only themselves for a candidate user. One query for the whole list
     * rather than {@link #part}'s placing and reading by {@code _id}: measured at 990 candidates, 20-22 ms against
     * 30-36 ms through {@code part(0, all)}.
     */
    public List<CandidateView> all() {
        List<CandidateView> all = new ArrayList<>();
        Map<String, Integer> counts = opportunities.counts();
        Optional<CandorUser> user = CandorUser.current();
        for (RawBsonDocument document : candidates.withDocumentClass(RawBsonDocument.class).find(registered(user))) {
            CandidateView view = ViewDocuments.fromBson(document, CandidateView.class);
            if (visible(view.firmId, view.id, user)) {
                view.opportunities = counts.getOrDefault(view.id, 0);
                all.add(view);
            }
        }
        all.sort(Comparator.comparing((CandidateView view) -> view.registeredAt, REGISTRATION_ORDER)
                .thenComparing(view -> view.id));
        return all;
    }

    /** A part of the list: {@code total} counts every candidate the caller may see, {@code offset} the part's place. */
    public record Part(List<CandidateView> candidates, int total, int offset) {
    }

    /**
     * At most {@code limit} candidates of {@link #all}'s list from {@code offset}, or of the list newest first (a
     * candidate without a registration time last either way). Reads each candidate's id, firm and registration time
     * to place them, and the rest of only those of the part: the cost of a page grows with the directory by a few
     * values a candidate, not by whole documents. Counted by place: a candidate registered meanwhile moves the
     * newest-first pages down by one.
     */
    public Part part(int offset, int limit, boolean newestFirst) {
        Optional<CandorUser> user = CandorUser.current();
        List<Listed> listed = new ArrayList<>();
        for (RawBsonDocument document : candidates.withDocumentClass(RawBsonDocument.class).find(registered(user))
                .projection(Projections.include("firmId", "registeredAt"))) {
            String id = document.getString("_id").getValue();
            if (visible(text(document, "firmId"), id, user)) {
                listed.add(new Listed(id, instant(text(document, "registeredAt"))));
            }
        }
        listed.sort(newestFirst
                ? Comparator.comparing(Listed::registeredAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                        .thenComparing(Listed::id, Comparator.reverseOrder())
                : Comparator.comparing(Listed::registeredAt, REGISTRATION_ORDER).thenComparing(Listed::id));
        int from = Math.min(offset, listed.size());
        List<String> ids = listed.subList(from, (int) Math.min((long) from + limit, listed.size())).stream()
                .map(Listed::id).toList();
        Map<String, CandidateView> read = new HashMap<>();
        for (RawBsonDocument document : IdLookups.find(candidates.withDocumentClass(RawBsonDocument.class), "_id", ids)) {
            CandidateView view = ViewDocuments.fromBson(document, CandidateView.class);
            read.put(view.id, view);
        }
        Map<String, Integer> counts = opportunities.counts(ids);
        List<CandidateView> part = new ArrayList<>(ids.size());
        for (String id : ids) {
            CandidateView view = read.get(id);
            if (view != null) { // else gone between the list and the read
                view.opportunities = counts.getOrDefault(id, 0);
                part.add(view);
            }
        }
        return new Part(part, listed.size(), from);
    }

    private record Listed(String id, Instant registeredAt) {
    }

    /** The registered candidates, of the signed-in user's firm only when someone is signed in. */
    private static Bson registered(Optional<CandorUser> user) {
        Bson registered = Filters.eq("registered", true);
        return user.isEmpty() ? registered : Filters.and(registered, Filters.eq("firmId", user.get().firmId()));
    }

    private static boolean visible(String firmId, String candidateId, Optional<CandorUser> user) {
        return user.isEmpty() || TenantAccess.mayReach(user.get(), new Owners.Owner(firmId, candidateId));
    }

    /** The stored instant: its canonical form read without the date-time formatter (see IsoInstants); null if none. */
    private static Instant instant(String text) {
        Instant canonical = text == null ? null : IsoInstants.parse(text);
        if (canonical != null || text == null) {
            return canonical;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null; // placed last, as a candidate without a registration time
        }
    }

    private static String text(RawBsonDocument document, String field) {
        BsonValue value = document.get(field);
        return value != null && value.isString() ? value.asString().getValue() : null;
    }
}
