package io.candor.query.timeline;

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
import io.candor.events.opportunity.OpportunityEvent.OfferAccepted;
import io.candor.events.opportunity.OpportunityEvent.OfferDeclined;
import io.candor.events.opportunity.OpportunityEvent.OfferReceived;
import io.candor.events.opportunity.OpportunityEvent.RejectionReceived;
import io.candor.events.opportunity.OpportunityEvent.WithdrewFromProcess;

/** One line per event for auditors; names no person, so erasure leaves summaries as they are. */
final class TimelineSummaries {

    private TimelineSummaries() {
    }

    static String of(OpportunityEvent event, String company, String role) {
        String at = (role == null ? "" : role + " at ") + (company == null ? "an unknown company" : company);
        if (event instanceof InvitationReceived e) {
            return "Invitation received for " + at + " (" + e.source() + ", via " + e.channel() + ", " + e.interest() + ")";
        } else if (event instanceof InterviewScheduled e) {
            return "Interview round " + e.round() + " scheduled for " + e.scheduledFor() + " with " + at;
        } else if (event instanceof InterviewRescheduled e) {
            return "Interview round " + e.round() + " moved to " + e.scheduledFor() + " (" + e.reason() + ")";
        } else if (event instanceof InterviewCancelled e) {
            return "Interview round " + e.round() + " with " + at + " cancelled (" + e.reason() + ", notice "
                    + e.noticeLeadTime() + ")";
        } else if (event instanceof InterviewAttended e) {
            return "Interview round " + e.round() + " attended at " + at;
        } else if (event instanceof InterviewMissed e) {
            return "Interview round " + e.round() + " with " + at + " missed";
        } else if (event instanceof InvitationDeclined e) {
            return "Invitation for " + at + " declined (" + e.reason() + ", " + e.certainty() + ")";
        } else if (event instanceof WithdrewFromProcess e) {
            return "Withdrew from " + at + " (" + e.reason() + ")";
        } else if (event instanceof RejectionReceived) {
            return "Rejected by " + at;
        } else if (event instanceof OfferReceived e) {
            return "Offer received from " + at + " (" + e.salary() + " " + e.currency() + ")";
        } else if (event instanceof OfferDeclined e) {
            return "Offer from " + at + " declined (" + e.reason() + ")";
        } else if (event instanceof OfferAccepted) {
            return "Offer from " + at + " accepted";
        } else if (event instanceof AlternativePositionProposed e) {
            return "Alternative position proposed by " + at;
        } else if (event instanceof LessonRecorded e) {
            return "Lesson recorded (" + e.category() + ") from " + at;
        } else if (event instanceof ContactMet e) {
            return "Contact met (" + e.role() + ") at " + at;
        }
        return "Note added on " + at;
    }

    static String of(CandidateEvent event) {
        if (event instanceof CandidateEvent.CandidateRegistered e) {
            return "Candidate registered (" + (e.employed() ? "employed" : "not employed") + ")";
        } else if (event instanceof CandidateEvent.JobSearchStarted) {
            return "Job search started";
        } else if (event instanceof CandidateEvent.JobSearchEnded e) {
            return "Job search ended (" + e.outcome() + ")";
        } else if (event instanceof CandidateEvent.EmploymentStatusChanged e) {
            return e.employed() ? "Now employed" : "No longer employed";
        } else if (event instanceof CandidateEvent.TeamMemberAdded e) {
            return "Team member added (" + e.role() + ", " + e.commitment() + ")";
        } else if (event instanceof CandidateEvent.TeamMemberReleased) {
            return "Team member released with thanks";
        }
        return "Personal data erased";
    }
}
