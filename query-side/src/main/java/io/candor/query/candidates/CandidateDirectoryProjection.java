package io.candor.query.candidates;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.candidate.CandidateEvent.CandidatePersonalDataErased;
import io.candor.events.candidate.CandidateEvent.CandidateRegistered;
import io.candor.events.candidate.CandidateEvent.EmploymentStatusChanged;
import io.candor.events.candidate.CandidateEvent.JobSearchEnded;
import io.candor.events.candidate.CandidateEvent.JobSearchStarted;
import io.candor.events.candidate.CandidateEvent.TeamMemberAdded;
import io.candor.events.candidate.CandidateEvent.TeamMemberReleased;
import io.candor.infrastructure.personaldata.CandidateKeys;
import io.candor.query.support.ViewBatch;
import io.candor.query.support.ViewDocuments;
import io.candor.query.support.ViewPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Objects;

/**
 * Builds {@value CandidateDirectory#CANDIDATES}: one document per candidate ({@code _id} = candidate id) with the
 * sequence it applied last, replaced whole per event. Erasure deletes the candidate's key (see {@link CandidateKeys})
 * and drops the name, e-mail and team members' names and words.
 */
@Component
@ProcessingGroup(CandidateDirectory.VIEW)
class CandidateDirectoryProjection {

    private final MongoCollection<Document> candidates;
    private final ViewPositions positions;
    private final CandidateKeys candidateKeys;

    CandidateDirectoryProjection(MongoDatabase candorDatabase, ViewPositions positions, CandidateKeys candidateKeys) {
        this.candidates = candorDatabase.getCollection(CandidateDirectory.CANDIDATES);
        // Serves the list of a signed-in user's firm on MongoDB; the embedded server scans the collection anyway.
        candidates.createIndex(Indexes.ascending("firmId", "registered"));
        this.positions = positions;
        this.candidateKeys = candidateKeys;
    }

    @EventHandler
    void on(CandidateEvent event, @SequenceNumber long sequence) {
        ViewBatch batch = ViewBatch.of(CandidateDirectory.VIEW, positions);
        String id = event.candidateId().value();
        if (event instanceof CandidatePersonalDataErased) {
            candidateKeys.erase(id); // the command side erased it already, unless it died right after the event
        }
        Document stored = batch.find(candidates, id);
        if (stored == null || stored.get("lastSequence", Number.class).longValue() < sequence) {
            CandidateView view = stored == null ? new CandidateView() : ViewDocuments.fromDocument(stored, CandidateView.class);
            view.id = id;
            apply(view, event);
            Document document = ViewDocuments.toDocument(view);
            document.put("lastSequence", sequence);
            document.put("registered", view.registeredAt != null || event instanceof CandidateRegistered
                    || stored != null && stored.getBoolean("registered", false));
            batch.replace(candidates, id, document);
        }
        batch.applied(id, sequence);
    }

    @ResetHandler
    void reset() {
        candidates.deleteMany(new Document());
        positions.clear(CandidateDirectory.VIEW);
    }

    private static void apply(CandidateView view, CandidateEvent event) {
        if (event instanceof CandidateRegistered e) {
            view.firmId = e.firmId() == null ? null : e.firmId().value();
            view.displayName = e.displayName();
            view.email = e.email();
            view.employed = e.employed();
            view.registeredAt = e.registeredAt();
        } else if (event instanceof JobSearchStarted e) {
            view.searchActive = true;
            view.searchStartedAt = e.startedAt();
            view.searchEndedAt = null;
            view.searchOutcome = null;
        } else if (event instanceof JobSearchEnded e) {
            view.searchActive = false;
            view.searchEndedAt = e.endedAt();
            view.searchOutcome = e.outcome();
        } else if (event instanceof EmploymentStatusChanged e) {
            view.employed = e.employed();
        } else if (event instanceof TeamMemberAdded e) {
            CandidateView.TeamMember member = new CandidateView.TeamMember();
            member.name = e.member() == null ? null : e.member().name();
            member.email = e.member() == null ? null : e.member().email();
            member.role = e.role();
            member.commitment = e.commitment();
            member.helpsWith = e.helpsWith();
            member.addedAt = e.addedAt();
            view.team.add(member);
        } else if (event instanceof TeamMemberReleased e) {
            view.team.stream()
                    .filter(member -> member.releasedAt == null && e.member() != null
                            && Objects.equals(member.name, e.member().name()))
                    .findFirst()
                    .ifPresent(member -> {
                        member.releasedAt = e.releasedAt();
                        member.thanks = e.thanks();
                    });
        } else if (event instanceof CandidatePersonalDataErased e) {
            view.erased = true;
            view.erasedAt = e.erasedAt();
            view.displayName = null;
            view.email = null;
            view.team.forEach(member -> {
                member.name = null;
                member.email = null;
                member.thanks = null;
                member.helpsWith = null;
            });
        }
    }
}
