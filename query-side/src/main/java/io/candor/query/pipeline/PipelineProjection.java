package io.candor.query.pipeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.candor.events.Channel;
import io.candor.events.CompanySignal;
import io.candor.events.candidate.CandidateEvent.CandidatePersonalDataErased;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.events.opportunity.OpportunityEvent.AlternativePositionProposed;
import io.candor.events.opportunity.OpportunityEvent.InterviewAttended;
import io.candor.events.opportunity.OpportunityEvent.InterviewCancelled;
import io.candor.events.opportunity.OpportunityEvent.InterviewMissed;
import io.candor.events.opportunity.OpportunityEvent.InterviewRescheduled;
import io.candor.events.opportunity.OpportunityEvent.InterviewScheduled;
import io.candor.events.opportunity.OpportunityEvent.InvitationDeclined;
import io.candor.events.opportunity.OpportunityEvent.InvitationReceived;
import io.candor.events.opportunity.OpportunityEvent.OfferAccepted;
import io.candor.events.opportunity.OpportunityEvent.OfferDeclined;
import io.candor.events.opportunity.OpportunityEvent.OfferReceived;
import io.candor.events.opportunity.OpportunityEvent.RejectionReceived;
import io.candor.events.opportunity.OpportunityEvent.WithdrewFromProcess;
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
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Set;

/**
 * Builds {@value #OPPORTUNITIES}: one document per opportunity, {@code _id} = opportunity id, listed per candidate in
 * {@value #BY_CANDIDATE} (see {@link CandidateMembers}). Each event loads the document, applies itself and adds
 * itself to the opportunity's history with its sequence, and the document is written back in one atomic
 * single-document write (whole, or what changed in a large one); an event at or below the last sequence of the
 * history is skipped. The writes of a batch of events go together (see {@link ViewBatch}): the events of one
 * opportunity in a batch change one view object, mapped from its document and back once per batch rather than once
 * per event. A candidate's list is kept in memory as this process last wrote it ({@link CandidateMembers}):
 * a batch that lists a new opportunity does not read it first. Erasure of the candidate drops each opportunity's
 * referrer.
 */
@Component
@ProcessingGroup(PipelineProjection.VIEW)
class PipelineProjection {

    static final String VIEW = "pipeline";
    static final String OPPORTUNITIES = "pipeline_opportunities";
    static final String BY_CANDIDATE = "pipeline_by_candidate";

    private final MongoCollection<Document> opportunities;
    private final CandidateMembers byCandidate;
    private final ViewPositions positions;

    PipelineProjection(MongoDatabase candorDatabase, ViewPositions positions) {
        this.opportunities = candorDatabase.getCollection(OPPORTUNITIES);
        this.byCandidate = new CandidateMembers(candorDatabase.getCollection(BY_CANDIDATE));
        this.positions = positions;
    }

    /**
     * Erasure drops the referrer of each of the candidate's opportunities: a name and an e-mail address. Done every
     * time the event is handled (dropping is idempotent), without a position check of its own: the candidate's
     * position in this view belongs to the candidates directory, which handles the same event in this group.
     */
    @EventHandler
    void on(CandidatePersonalDataErased event) {
        ViewBatch batch = ViewBatch.of(VIEW, positions);
        batch.flush(); // the candidate's opportunities as this batch left them
        for (Document opportunity : byCandidate.documentsOf(event.candidateId().value(), opportunities)) {
            if (opportunity.get("referrer") != null) {
                opportunities.updateOne(Filters.eq("_id", opportunity.get("_id")), Updates.unset("referrer"));
            }
        }
    }

    @EventHandler
    void on(OpportunityEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        ViewBatch batch = ViewBatch.of(VIEW, positions);
        String id = event.opportunityId().value();
        OpportunityView view = batch.find(opportunities, id, OpportunityView.class);
        if (view == null || lastSequence(view) < sequence) {
            if (view == null) {
                byCandidate.add(batch, event.candidateId().value(), id);
                view = start(event);
            }
            apply(view, event);
            view.stage = Stages.after(event, view.stage);
            view.furthestStage = Stages.further(view.furthestStage, view.stage);
            view.history.add(new OpportunityView.HistoryEntry(event.getClass().getSimpleName(), view.stage, view.round,
                    Stages.happenedOrRecorded(Stages.happenedAt(event), recordedAt), recordedAt, sequence));
            view.history.sort(Comparator.comparingLong(OpportunityView.HistoryEntry::sequence));
            view.timeInStage = null;
            batch.replace(opportunities, id, view);
        }
        // Whether or not the guard says the invitation was applied: the original is written after the alternative,
        // and a write of it cut short leaves the alternative applied without its link. Linking again changes nothing.
        if (event instanceof InvitationReceived invitation && invitation.alternativeTo() != null) {
            linkAlternative(batch, invitation.alternativeTo().value(), id);
        }
        batch.applied(id, sequence);
    }

    /** The sequence of the last event the opportunity's view applied: each one is in its history, in order. */
    private static long lastSequence(OpportunityView view) {
        return view.history.isEmpty() ? -1 : view.history.get(view.history.size() - 1).sequence();
    }

    /** Lists {@code alternativeId} among the alternatives of the opportunity it was proposed instead of. */
    private void linkAlternative(ViewBatch batch, String originalId, String alternativeId) {
        OpportunityView original = batch.find(opportunities, originalId, OpportunityView.class);
        if (original != null && !original.alternatives.contains(alternativeId)) {
            original.alternatives.add(alternativeId);
            batch.replace(opportunities, originalId, original);
        }
    }

    @ResetHandler
    void reset() {
        opportunities.deleteMany(new Document());
        byCandidate.clear();
        positions.clear(VIEW);
    }

    private static OpportunityView start(OpportunityEvent event) {
        OpportunityView view = new OpportunityView();
        view.id = event.opportunityId().value();
        view.candidateId = event.candidateId().value();
        return view;
    }

    private static void apply(OpportunityView view, OpportunityEvent event) {
        if (event instanceof InvitationReceived e) {
            view.company = e.company();
            view.role = e.role();
            view.source = e.source();
            view.channel = e.channel();
            view.interest = e.interest();
            view.receivedAt = e.receivedAt();
            view.referrer = e.referrer();
            Set<CompanySignal> signals = e.companySignals();
            view.companySignals = signals == null ? new ArrayList<>() : new ArrayList<>(signals);
            view.companySignals.sort(Comparator.naturalOrder());
            view.alternativeTo = e.alternativeTo() == null ? null : e.alternativeTo().value();
        } else if (event instanceof InterviewScheduled e) {
            view.round = e.round();
            view.scheduledFor = e.scheduledFor();
            view.channel = channelOr(e.channel(), view);
        } else if (event instanceof InterviewRescheduled e) {
            view.round = e.round();
            view.scheduledFor = e.scheduledFor();
            view.channel = channelOr(e.channel(), view);
        } else if (event instanceof InterviewCancelled e) {
            view.endReason = e.reason();
            view.channel = channelOr(e.channel(), view);
            view.endedAt = Stages.happenedAt(e);
        } else if (event instanceof InterviewAttended e) {
            view.round = e.round();
            view.interviewsAttended++;
            view.fit = e.fit();
            view.scheduledFor = null;
        } else if (event instanceof InterviewMissed e) {
            view.endedAt = e.scheduledFor();
        } else if (event instanceof InvitationDeclined e) {
            view.endReason = e.reason();
            view.channel = channelOr(e.channel(), view);
            view.endedAt = Stages.happenedAt(e);
        } else if (event instanceof WithdrewFromProcess e) {
            view.endReason = e.reason();
            view.channel = channelOr(e.channel(), view);
            view.endedAt = e.withdrawnAt();
        } else if (event instanceof RejectionReceived e) {
            view.endedAt = e.rejectedAt();
        } else if (event instanceof OfferReceived e) {
            OpportunityView.Offer offer = new OpportunityView.Offer();
            offer.salary = e.salary();
            offer.currency = e.currency();
            offer.respondBy = e.respondBy();
            offer.receivedAt = e.receivedAt();
            view.offer = offer;
        } else if (event instanceof OfferDeclined e) {
            view.endReason = e.reason();
            view.channel = channelOr(e.channel(), view);
            view.endedAt = e.declinedAt();
        } else if (event instanceof OfferAccepted e) {
            view.endedAt = e.acceptedAt();
        } else if (event instanceof AlternativePositionProposed e) {
            if (!view.alternatives.contains(e.newOpportunityId().value())) {
                view.alternatives.add(e.newOpportunityId().value());
            }
        }
        // LessonRecorded, ContactMet and NoteAdded only enter the history.
    }

    private static Channel channelOr(Channel channel, OpportunityView view) {
        return channel != null ? channel : view.channel;
    }
}
