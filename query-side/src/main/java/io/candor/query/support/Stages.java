package io.candor.query.support;

import io.candor.events.Stage;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.events.opportunity.OpportunityEvent.AlternativePositionProposed;
import io.candor.events.opportunity.OpportunityEvent.ContactMet;
import io.candor.events.opportunity.OpportunityEvent.InterviewAttended;
import io.candor.events.opportunity.OpportunityEvent.InterviewCancelled;
import io.candor.events.opportunity.OpportunityEvent.InterviewMissed;
import io.candor.events.opportunity.OpportunityEvent.InterviewRescheduled;
import io.candor.events.opportunity.OpportunityEvent.InterviewScheduled;
import io.candor.events.opportunity.OpportunityEvent.InvitationDeclined;
import io.candor.events.opportunity.OpportunityEvent.InvitationReceived;
import io.candor.events.opportunity.OpportunityEvent.LessonRecorded;
import io.candor.events.opportunity.OpportunityEvent.NoteAdded;
import io.candor.events.opportunity.OpportunityEvent.OfferAccepted;
import io.candor.events.opportunity.OpportunityEvent.OfferDeclined;
import io.candor.events.opportunity.OpportunityEvent.OfferReceived;
import io.candor.events.opportunity.OpportunityEvent.RejectionReceived;
import io.candor.events.opportunity.OpportunityEvent.WithdrewFromProcess;

import java.time.Instant;
import java.util.List;

/** How events move an opportunity through its stages, and when each event happened (as opposed to was recorded). */
public final class Stages {

    /** The progression a funnel counts; the ends other than OFFER_ACCEPTED do not advance it. */
    public static final List<Stage> PROGRESSION =
            List.of(Stage.INVITED, Stage.SCHEDULED, Stage.ATTENDED, Stage.OFFERED, Stage.OFFER_ACCEPTED);

    private Stages() {
    }

    /** The stage after {@code event}, given the stage before it (null before the invitation). */
    public static Stage after(OpportunityEvent event, Stage before) {
        if (event instanceof InvitationReceived) {
            return Stage.INVITED;
        } else if (event instanceof InterviewScheduled || event instanceof InterviewRescheduled) {
            return Stage.SCHEDULED;
        } else if (event instanceof InterviewCancelled) {
            return Stage.CANCELLED;
        } else if (event instanceof InterviewAttended) {
            return Stage.ATTENDED;
        } else if (event instanceof InterviewMissed) {
            return Stage.MISSED;
        } else if (event instanceof InvitationDeclined) {
            return Stage.DECLINED;
        } else if (event instanceof WithdrewFromProcess) {
            return Stage.WITHDRAWN;
        } else if (event instanceof RejectionReceived) {
            return Stage.REJECTED;
        } else if (event instanceof OfferReceived) {
            return Stage.OFFERED;
        } else if (event instanceof OfferDeclined) {
            return Stage.OFFER_DECLINED;
        } else if (event instanceof OfferAccepted) {
            return Stage.OFFER_ACCEPTED;
        }
        return before;
    }

    /** Whether {@code event} can change the stage (lessons, contacts, notes and proposals do not). */
    public static boolean movesStage(OpportunityEvent event) {
        return !(event instanceof AlternativePositionProposed || event instanceof LessonRecorded
                || event instanceof ContactMet || event instanceof NoteAdded);
    }

    /** The rank of {@code stage} in {@link #PROGRESSION}, or -1 for an end that does not advance it. */
    public static int rank(Stage stage) {
        return stage == null ? -1 : PROGRESSION.indexOf(stage);
    }

    /** The further of two stages along {@link #PROGRESSION}. */
    public static Stage further(Stage current, Stage candidate) {
        return rank(candidate) > rank(current) ? candidate : current;
    }

    /** When the event happened in the world, by its own instant; null when it carries none. */
    public static Instant happenedAt(OpportunityEvent event) {
        if (event instanceof InvitationReceived e) {
            return e.receivedAt();
        } else if (event instanceof InterviewScheduled e) {
            return e.agreedAt();
        } else if (event instanceof InterviewRescheduled e) {
            return e.notifiedAt();
        } else if (event instanceof InterviewCancelled e) {
            return e.notifiedAt() != null ? e.notifiedAt() : e.decidedAt();
        } else if (event instanceof InterviewAttended e) {
            return e.attendedAt();
        } else if (event instanceof InterviewMissed e) {
            return e.scheduledFor();
        } else if (event instanceof InvitationDeclined e) {
            return e.notifiedAt() != null ? e.notifiedAt() : e.decidedAt();
        } else if (event instanceof WithdrewFromProcess e) {
            return e.withdrawnAt();
        } else if (event instanceof RejectionReceived e) {
            return e.rejectedAt();
        } else if (event instanceof OfferReceived e) {
            return e.receivedAt();
        } else if (event instanceof OfferDeclined e) {
            return e.declinedAt();
        } else if (event instanceof OfferAccepted e) {
            return e.acceptedAt();
        } else if (event instanceof AlternativePositionProposed e) {
            return e.proposedAt();
        } else if (event instanceof LessonRecorded e) {
            return e.learnedAt();
        } else if (event instanceof ContactMet e) {
            return e.metAt();
        } else if (event instanceof NoteAdded e) {
            return e.notedAt();
        }
        return null;
    }

    /** When the candidate event happened in the world, by its own instant. */
    public static Instant happenedAt(CandidateEvent event) {
        if (event instanceof CandidateEvent.CandidateRegistered e) {
            return e.registeredAt();
        } else if (event instanceof CandidateEvent.JobSearchStarted e) {
            return e.startedAt();
        } else if (event instanceof CandidateEvent.JobSearchEnded e) {
            return e.endedAt();
        } else if (event instanceof CandidateEvent.EmploymentStatusChanged e) {
            return e.changedAt();
        } else if (event instanceof CandidateEvent.TeamMemberAdded e) {
            return e.addedAt();
        } else if (event instanceof CandidateEvent.TeamMemberReleased e) {
            return e.releasedAt();
        } else if (event instanceof CandidateEvent.CandidatePersonalDataErased e) {
            return e.erasedAt();
        }
        return null;
    }

    /** The happened-at instant, or the recorded one when the event carries none. */
    public static Instant happenedOrRecorded(Instant happenedAt, Instant recordedAt) {
        return happenedAt != null ? happenedAt : recordedAt;
    }
}
