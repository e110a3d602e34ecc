package io.candor.query.timeline;

import com.mongodb.client.MongoDatabase;
import io.candor.events.AuditMetaData;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the audit timeline: a candidate's entries, one per event, in pages ({@link TimelinePages}) in
 * {@value #PAGES}, each entry added once, under the guard the candidate's open page keeps, which also remembers
 * each opportunity's company and role for the events that do not carry them. Erasure removes the personal fields
 * (names, e-mails, messages) from the details of the candidate's entries.
 * <p>
 * Layout 4 (see {@link io.candor.query.support.ViewLayouts}); layout 3 kept the company and role in a collection of
 * their own, {@value #LAYOUT_3_OPPORTUNITIES}, one more write for a batch with an invitation and one more read for a
 * process that had not seen it; layout 2 kept one document per entry in {@value #LAYOUT_2_ENTRIES}, listed per
 * candidate in {@value #LAYOUT_2_BY_CANDIDATE}. A store in either is rebuilt, and the reset drops those collections.
 */
@Component
@ProcessingGroup(TimelineProjection.VIEW)
class TimelineProjection {

    static final String VIEW = "timeline";
    static final String PAGES = "timeline_pages";
    static final String LAYOUT_3_OPPORTUNITIES = "timeline_opportunities";
    static final String LAYOUT_2_ENTRIES = "timeline_entries";
    static final String LAYOUT_2_BY_CANDIDATE = "timeline_by_candidate";
    static final List<String> PERSONAL_FIELDS = List.of("displayName", "email", "referrer", "referredCandidate",
            "contact", "interviewers", "member", "message", "explanation", "note", "thanks", "feedback", "helpsWith",
            "questions", "resumeClarifications", "insights", "text");

    private final MongoDatabase database;
    private final TimelinePages pages;
    private final ViewPositions positions;

    TimelineProjection(MongoDatabase candorDatabase, ViewPositions positions) {
        this.database = candorDatabase;
        this.pages = new TimelinePages(candorDatabase.getCollection(PAGES));
        this.positions = positions;
    }

    @EventHandler
    void on(OpportunityEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MessageIdentifier String eventId, MetaData metaData) {
        ViewBatch batch = ViewBatch.of(VIEW, positions);
        String candidateId = event.candidateId().value();
        String opportunityId = event.opportunityId().value();
        // What an invitation names, no later event changes (an erasure leaves them: they are not personal)
        Document opportunity = event instanceof OpportunityEvent.InvitationReceived invitation
                ? new Document(TimelinePages.COMPANY, invitation.company()).append(TimelinePages.ROLE, invitation.role())
                : pages.applied(batch, candidateId, opportunityId);
        TimelineEntry entry = entry(candidateId, opportunityId, sequence, event, recordedAt, eventId, metaData);
        entry.happenedAt = Stages.happenedOrRecorded(Stages.happenedAt(event), recordedAt);
        entry.opportunityId = opportunityId;
        entry.company = opportunity == null ? null : opportunity.getString(TimelinePages.COMPANY);
        entry.role = opportunity == null ? null : opportunity.getString(TimelinePages.ROLE);
        entry.stage = Stages.movesStage(event) ? Stages.after(event, null) : null;
        entry.summary = TimelineSummaries.of(event, entry.company, entry.role);
        pages.add(batch, candidateId, opportunityId, sequence, entry,
                event instanceof OpportunityEvent.InvitationReceived ? opportunity : null);
        batch.applied(opportunityId, sequence);
    }

    @EventHandler
    void on(CandidateEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MessageIdentifier String eventId, MetaData metaData) {
        ViewBatch batch = ViewBatch.of(VIEW, positions);
        String candidateId = event.candidateId().value();
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
        pages.add(batch, candidateId, candidateId, sequence, entry, null);
        if (event instanceof CandidateEvent.CandidatePersonalDataErased) {
            // Whether or not the guard says it was applied: a write cut short may have left some pages unerased.
            pages.removeDetails(batch, candidateId, PERSONAL_FIELDS);
        }
        batch.applied(candidateId, sequence);
    }

    @ResetHandler
    void reset() {
        pages.clear();
        List<String> earlierLayouts = List.of(LAYOUT_3_OPPORTUNITIES, LAYOUT_2_ENTRIES, LAYOUT_2_BY_CANDIDATE);
        database.listCollectionNames().into(new ArrayList<>()).stream().filter(earlierLayouts::contains)
                .forEach(name -> database.getCollection(name).drop());
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
        // mapped as the entry will be: a document of plain values, not a map of Jackson's own mapped once more
        Map<String, Object> details = ViewDocuments.toDocument(event);
        details.remove("candidateId");
        details.remove("opportunityId");
        entry.details = details;
        return entry;
    }
}
