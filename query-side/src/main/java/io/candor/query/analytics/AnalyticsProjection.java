package io.candor.query.analytics;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import io.candor.events.Channel;
import io.candor.events.FirmId;
import io.candor.events.Reason;
import io.candor.events.Stage;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.candidate.CandidateEvent.CandidateRegistered;
import io.candor.events.candidate.CandidateEvent.JobSearchEnded;
import io.candor.events.candidate.CandidateEvent.JobSearchStarted;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.events.opportunity.OpportunityEvent.InterviewAttended;
import io.candor.events.opportunity.OpportunityEvent.InterviewCancelled;
import io.candor.events.opportunity.OpportunityEvent.InterviewMissed;
import io.candor.events.opportunity.OpportunityEvent.InterviewRescheduled;
import io.candor.events.opportunity.OpportunityEvent.InvitationDeclined;
import io.candor.events.opportunity.OpportunityEvent.InvitationReceived;
import io.candor.events.opportunity.OpportunityEvent.OfferAccepted;
import io.candor.events.opportunity.OpportunityEvent.OfferDeclined;
import io.candor.events.opportunity.OpportunityEvent.OfferReceived;
import io.candor.events.opportunity.OpportunityEvent.RejectionReceived;
import io.candor.events.opportunity.OpportunityEvent.WithdrewFromProcess;
import io.candor.query.analytics.AnalyticsView.OpportunityFacts;
import io.candor.query.support.CandidateDocuments;
import io.candor.query.support.ViewLayouts;
import io.candor.query.support.ViewPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Builds {@value #ANALYTICS}: one document per candidate ({@code _id} = candidate id) with the candidate's
 * {@code firmId}, their facts and the firm figures counted from them, replaced per event with the positions it has
 * applied, so an event already applied is skipped. Per candidate rather than per firm: a candidate's events stay in
 * one segment, in order, as in the other views, and no two segments ever write the same document, however many
 * candidates a firm has. The firm's figures are summed when read ({@link AnalyticsQueries}).
 */
@Component
@ProcessingGroup(AnalyticsProjection.VIEW)
class AnalyticsProjection {

    static final String VIEW = "analytics";
    static final String ANALYTICS = "analytics_by_candidate";

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** The multiplier of MurmurHash3's 64-bit finaliser: spreads the last event's bits over the whole revision. */
    private static final long MIX_MULTIPLIER = 0xff51afd7ed558ccdL;

    private final CandidateDocuments<AnalyticsView> views;

    AnalyticsProjection(MongoDatabase candorDatabase, ViewPositions positions) {
        // Serves the firm query on MongoDB; the embedded server scans the collection whatever its indexes.
        candorDatabase.getCollection(ANALYTICS).createIndex(Indexes.ascending("firmId"));
        this.views = new CandidateDocuments<>(VIEW, candorDatabase.getCollection(ANALYTICS), AnalyticsView.class,
                AnalyticsView::new, positions);
    }

    @EventHandler
    void on(CandidateEvent event, @SequenceNumber long sequence) {
        String candidateId = event.candidateId().value();
        views.update(candidateId, candidateId, sequence, view -> {
            apply(view, event);
            view.revision = revision(view.revision, candidateId, sequence);
        });
    }

    @EventHandler
    void on(OpportunityEvent event, @SequenceNumber long sequence) {
        views.update(event.candidateId().value(), event.opportunityId().value(), sequence, view -> {
            apply(view.opportunity(event.opportunityId().value()), event); // its figures: when written
            view.revision = revision(view.revision, event.opportunityId().value(), sequence);
        });
    }

    @ResetHandler
    void reset() {
        views.clear();
    }

    /**
     * The revision of a document after the event {@code sequence} of {@code aggregateId} changed it: a 64-bit hash
     * of the revision before and the event (FNV-1a, then a final mix), seeded with the view's layout. The same events
     * give the same revisions, as they give the same documents, whichever process applies them and however often
     * the view is rebuilt; a new layout, which may count differently, gives new ones.
     */
    static long revision(Long before, String aggregateId, long sequence) {
        long hash = before != null ? before : FNV_OFFSET ^ ViewLayouts.CURRENT.get(VIEW);
        for (int i = 0; i < aggregateId.length(); i++) {
            hash = (hash ^ aggregateId.charAt(i)) * FNV_PRIME;
        }
        hash = (hash ^ sequence) * FNV_PRIME;
        hash = (hash ^ (hash >>> 33)) * MIX_MULTIPLIER;
        return hash ^ (hash >>> 33);
    }

    private static void apply(AnalyticsView view, CandidateEvent event) {
        if (event instanceof CandidateRegistered e) {
            view.registered = true;
            view.firmId = (e.firmId() == null ? FirmId.INDEPENDENT : e.firmId()).value();
        } else if (event instanceof JobSearchStarted e) {
            boolean running = !view.searches.isEmpty() && view.searches.get(view.searches.size() - 1).endedAt == null;
            if (!running) {
                AnalyticsView.Search search = new AnalyticsView.Search();
                search.startedAt = e.startedAt();
                view.searches.add(search);
            }
        } else if (event instanceof JobSearchEnded e) {
            if (!view.searches.isEmpty() && view.searches.get(view.searches.size() - 1).endedAt == null) {
                view.searches.get(view.searches.size() - 1).endedAt = e.endedAt();
            }
        }
    }

    private static void apply(OpportunityFacts opportunity, OpportunityEvent event) {
        if (event instanceof InvitationReceived e) {
            opportunity.source = e.source();
            opportunity.invitationChannel = e.channel();
            opportunity.invitedAt = e.receivedAt();
        } else if (event instanceof InterviewRescheduled e) {
            opportunity.reschedules++;
            message(opportunity, e.channel());
            noticeLeadTime(opportunity, e.noticeLeadTime());
        } else if (event instanceof InterviewCancelled e) {
            end(opportunity, Stage.CANCELLED, e.reason());
            message(opportunity, e.channel());
            noticeLeadTime(opportunity, e.noticeLeadTime());
        } else if (event instanceof InterviewAttended) {
            opportunity.interviewsAttended++;
        } else if (event instanceof InterviewMissed) {
            end(opportunity, Stage.MISSED, null);
        } else if (event instanceof InvitationDeclined e) {
            end(opportunity, Stage.DECLINED, e.reason());
            message(opportunity, e.channel());
        } else if (event instanceof WithdrewFromProcess e) {
            end(opportunity, Stage.WITHDRAWN, e.reason());
            message(opportunity, e.channel());
        } else if (event instanceof RejectionReceived) {
            end(opportunity, Stage.REJECTED, null);
        } else if (event instanceof OfferReceived e) {
            if (opportunity.offeredAt == null) {
                opportunity.offeredAt = e.receivedAt();
            }
        } else if (event instanceof OfferDeclined e) {
            end(opportunity, Stage.OFFER_DECLINED, e.reason());
            message(opportunity, e.channel());
        } else if (event instanceof OfferAccepted) {
            opportunity.accepted = true;
            end(opportunity, Stage.OFFER_ACCEPTED, null);
        }
    }

    private static void end(OpportunityFacts opportunity, Stage ended, Reason reason) {
        opportunity.ended = ended;
        opportunity.endReason = reason;
    }

    private static void message(OpportunityFacts opportunity, Channel channel) {
        if (channel != null) {
            opportunity.messageChannels.add(channel);
        }
    }

    private static void noticeLeadTime(OpportunityFacts opportunity, Duration noticeLeadTime) {
        if (noticeLeadTime != null) {
            opportunity.noticeLeadTimes.add(noticeLeadTime);
        }
    }
}
