package io.candor.query.timeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.candor.events.AuditMetaData;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.query.support.CandidateMembers;
import io.candor.query.support.Stages;
import io.candor.query.support.ViewBatch;
import io.candor.query.support.ViewDocuments;
import io.candor.query.support.ViewPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@value #ENTRIES}: one document per event, {@code _id} = the event's identifier, listed per candidate in
 * {@value #BY_CANDIDATE} (see {@link CandidateMembers}) and indexed by {@code candidateId} for erasure; written as an upsert keyed by that identifier, so applying an event twice changes nothing.
 * {@value #OPPORTUNITIES} remembers each opportunity's company and role for the events that do not carry them.
 * Erasure removes the personal fields (names, e-mails, messages) from the candidate's details.
 */
@Component
@ProcessingGroup(TimelineProjection.VIEW)
class TimelineProjection {

    static final String VIEW = "timeline";
    static final String ENTRIES = "timeline_entries";
    static final String OPPORTUNITIES = "timeline_opportunities";
    static final String BY_CANDIDATE = "timeline_by_candidate";
    static final List<String> PERSONAL_FIELDS = List.of("displayName", "email", "referrer", "referredCandidate",
            "contact", "interviewers", "member", "message", "explanation", "note", "thanks", "feedback", "helpsWith",
            "questions", "resumeClarifications", "insights", "text");

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> opportunities;
    private final CandidateMembers byCandidate;
    private final ViewPositions positions;

    TimelineProjection(MongoDatabase candorDatabase, ViewPositions positions) {
        this.entries = candorDatabase.getCollection(ENTRIES);
        this.opportunities = candorDatabase.getCollection(OPPORTUNITIES);
        this.byCandidate = new CandidateMembers(candorDatabase.getCollection(BY_CANDIDATE));
        this.positions = positions;
        entries.createIndex(Indexes.ascending("candidateId"));
    }

    @EventHandler
    void on(OpportunityEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MessageIdentifier String eventId, MetaData metaData) {
        ViewBatch batch = ViewBatch.of(VIEW, positions);
        String opportunityId = event.opportunityId().value();
        if (batch.sequence(opportunityId) < sequence) {
            if (event instanceof OpportunityEvent.InvitationReceived invitation) {
                batch.replace(opportunities, opportunityId,
                        new Document("company", invitation.company()).append("role", invitation.role()));
            }
            Document opportunity = batch.find(opportunities, opportunityId);
            TimelineEntry entry = entry(event.candidateId().value(), opportunityId, sequence, event, recordedAt, eventId, metaData);
            entry.happenedAt = Stages.happenedOrRecorded(Stages.happenedAt(event), recordedAt);
            entry.opportunityId = opportunityId;
            entry.company = opportunity == null ? null : opportunity.getString("company");
            entry.role = opportunity == null ? null : opportunity.getString("role");
            entry.stage = Stages.movesStage(event) ? Stages.after(event, null) : null;
            entry.summary = TimelineSummaries.of(event, entry.company, entry.role);
            save(batch, entry);
        }
        batch.applied(opportunityId, sequence);
    }

    @EventHandler
    void on(CandidateEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MessageIdentifier String eventId, MetaData metaData) {
        ViewBatch batch = ViewBatch.of(VIEW, positions);
        String candidateId = event.candidateId().value();
        if (batch.sequence(candidateId) < sequence) {
            TimelineEntry entry = entry(candidateId, candidateId, sequence, event, recordedAt, eventId, metaData);
            entry.happenedAt = Stages.happenedOrRecorded(Stages.happenedAt(event), recordedAt);
            entry.summary = TimelineSummaries.of(event);
            if (event instanceof CandidateEvent.CandidateRegistered e) {
                entry.employed = e.employed();
                entry.searchActive = false;
            } else if (event instanceof CandidateEvent.EmploymentStatusChanged e) {
                entry.employed = e.employed();
            } else if (event instanceof CandidateEvent.JobSearchStarted) {
                entry.searchActive = true;
            } else if (event instanceof CandidateEvent.JobSearchEnded) {
                entry.searchActive = false;
            }
            save(batch, entry);
            if (event instanceof CandidateEvent.CandidatePersonalDataErased) {
                batch.flush();
                entries.updateMany(Filters.eq("candidateId", candidateId),
                        Updates.combine(PERSONAL_FIELDS.stream().map(field -> Updates.unset("details." + field)).toList()));
            }
        }
        batch.applied(candidateId, sequence);
    }

    @ResetHandler
    void reset() {
        entries.deleteMany(new Document());
        opportunities.deleteMany(new Document());
        byCandidate.clear();
        positions.clear(VIEW);
    }

    private static TimelineEntry entry(String candidateId, String aggregateId, long sequence, Object event,
                                       Instant recordedAt, String eventId, MetaData metaData) {
        TimelineEntry entry = new TimelineEntry();
        entry.eventId = eventId;
        entry.candidateId = candidateId;
        entry.type = event.getClass().getSimpleName();
        entry.aggregateId = aggregateId;
        entry.sequence = sequence;
        entry.recordedAt = recordedAt;
        Object recordedBy = metaData == null ? null : metaData.get(AuditMetaData.RECORDED_BY);
        entry.recordedBy = recordedBy == null || recordedBy.toString().isBlank() ? AuditMetaData.ANONYMOUS
                : recordedBy.toString();
        Object firmId = metaData == null ? null : metaData.get(AuditMetaData.FIRM_ID);
        entry.recordedByFirm = firmId == null ? null : firmId.toString();
        Object correlationId = metaData == null ? null : metaData.get(AuditMetaData.CORRELATION_ID);
        entry.correlationId = correlationId == null ? null : correlationId.toString();
        Map<String, Object> details = new LinkedHashMap<>(ViewDocuments.asMap(event));
        details.remove("candidateId");
        details.remove("opportunityId");
        entry.details = details;
        return entry;
    }

    private void save(ViewBatch batch, TimelineEntry entry) {
        byCandidate.add(batch, entry.candidateId, entry.eventId);
        batch.replace(entries, entry.eventId, entry);
    }
}
