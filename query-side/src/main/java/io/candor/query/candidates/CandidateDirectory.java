package io.candor.query.candidates;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.candor.infrastructure.security.CandorUser;
import io.candor.infrastructure.security.Owners;
import io.candor.infrastructure.security.TenantAccess;
import io.candor.query.support.CandidateMembers;
import io.candor.query.support.QueryNotFoundException;
import io.candor.query.support.ViewDocuments;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
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
     * on, those of the signed-in user's firm, or only themselves for a candidate user.
     */
    public List<CandidateView> all() {
        List<CandidateView> all = new ArrayList<>();
        Map<String, Integer> counts = opportunities.counts();
        Optional<CandorUser> user = CandorUser.current();
        Bson registered = Filters.eq("registered", true);
        Bson filter = user.isEmpty() ? registered : Filters.and(registered, Filters.eq("firmId", user.get().firmId()));
        for (RawBsonDocument document : candidates.withDocumentClass(RawBsonDocument.class).find(filter)) {
            CandidateView view = ViewDocuments.fromBson(document, CandidateView.class);
            if (visible(view, user)) {
                view.opportunities = counts.getOrDefault(view.id, 0);
                all.add(view);
            }
        }
        all.sort(Comparator.comparing((CandidateView view) -> view.registeredAt,
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(view -> view.id));
        return all;
    }

    private static boolean visible(CandidateView candidate, Optional<CandorUser> user) {
        return user.isEmpty() || TenantAccess.mayReach(user.get(), new Owners.Owner(candidate.firmId, candidate.id));
    }
}
