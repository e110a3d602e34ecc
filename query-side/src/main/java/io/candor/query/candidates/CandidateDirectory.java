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
import java.util.Collections;
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
    private static final Comparator<Listed> OLDEST_FIRST = Comparator.comparing(Listed::registeredAt, REGISTRATION_ORDER)
            .thenComparing(Listed::id);
    /** Newest first; a candidate without a registration time still last. */
    private static final Comparator<Listed> NEWEST_FIRST = Comparator.comparing(Listed::registeredAt,
            Comparator.nullsLast(Comparator.<Instant>reverseOrder())).thenComparing(Listed::id, Comparator.reverseOrder());

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
     * newest-first parts down by one ({@link #partNewestFirst} does not).
     */
    public Part part(int offset, int limit, boolean newestFirst) {
        List<Listed> listed = listed(newestFirst ? NEWEST_FIRST : OLDEST_FIRST);
        return slice(listed, Math.min(offset, listed.size()), limit);
    }

    /**
     * The {@code limit} candidates right after {@code place} in the list newest first (older than it), or right
     * before it (newer), wherever the list begins now: a candidate registered meanwhile does not move the part. A
     * place no candidate stands at counts where it would be. Before a place less than {@code limit} from the start:
     * the first {@code limit}.
     */
    public Part partNewestFirst(Place place, boolean after, int limit) {
        List<Listed> listed = listed(NEWEST_FIRST);
        int found = Collections.binarySearch(listed, new Listed(place.id(), place.registeredAt()), NEWEST_FIRST);
        int at = found >= 0 ? found : -found - 1;
        int from = after ? (found >= 0 ? at + 1 : at) : Math.max(0, at - limit);
        return slice(listed, from, limit);
    }

    /** A candidate's place in the list: registration time (null if none) and id; written {@code time~id}. */
    public record Place(Instant registeredAt, String id) {

        private static final char SEPARATOR = '~';

        public static Place of(CandidateView candidate) {
            return new Place(candidate.registeredAt, candidate.id);
        }

        /** The place written by {@link #text}; empty for anything else. */
        public static Optional<Place> parse(String text) {
            int separator = text == null ? -1 : text.indexOf(SEPARATOR); // an instant has none; an id may
            if (separator < 0 || separator == text.length() - 1) {
                return Optional.empty();
            }
            String time = text.substring(0, separator);
            try {
                return Optional.of(new Place(time.isEmpty() ? null : Instant.parse(time), text.substring(separator + 1)));
            } catch (DateTimeParseException notATime) {
                return Optional.empty();
            }
        }

        public String text() {
            return (registeredAt == null ? "" : registeredAt.toString()) + SEPARATOR + id;
        }
    }

    /** Every candidate the caller may see, by id and registration time, in {@code order}. */
    private List<Listed> listed(Comparator<Listed> order) {
        Optional<CandorUser> user = CandorUser.current();
        List<Listed> listed = new ArrayList<>();
        for (RawBsonDocument document : candidates.withDocumentClass(RawBsonDocument.class).find(registered(user))
                .projection(Projections.include("firmId", "registeredAt"))) {
            String id = document.getString("_id").getValue();
            if (visible(text(document, "firmId"), id, user)) {
                listed.add(new Listed(id, instant(text(document, "registeredAt"))));
            }
        }
        listed.sort(order);
        return listed;
    }

    /** The candidates of {@code listed} from {@code from}, at most {@code limit}, read by {@code _id}. */
    private Part slice(List<Listed> listed, int from, int limit) {
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
