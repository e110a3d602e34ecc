package io.candor.events.opportunity;

import io.candor.events.CandidateId;
import io.candor.events.Certainty;
import io.candor.events.Channel;
import io.candor.events.CompanySignal;
import io.candor.events.ContactRole;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.Interviewer;
import io.candor.events.LessonCategory;
import io.candor.events.OpportunityId;
import io.candor.events.Person;
import io.candor.events.PersonalData;
import io.candor.events.Reason;
import io.candor.events.Source;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Everything that can happen to one opportunity, in the order a search usually meets it.
 * Every event names its opportunity and its candidate, so a view of a whole search needs no lookup.
 * Instants are when things happened (given by the command, so a history can be imported); when
 * they were recorded is the event message's own timestamp.
 */
public sealed interface OpportunityEvent {

    OpportunityId opportunityId();

    CandidateId candidateId();

    /** An employer invited the candidate; {@code alternativeTo} links a position proposed instead of another. */
    @Revision("1")
    record InvitationReceived(OpportunityId opportunityId, CandidateId candidateId,
                              String company, String role, Source source, Channel channel,
                              Instant receivedAt, Interest interest, Person referrer,
                              Set<CompanySignal> companySignals, OpportunityId alternativeTo)
            implements OpportunityEvent {

        /** Read-only: an event once read is shared by everyone who reads it. */
        public InvitationReceived {
            companySignals = companySignals == null ? null : Collections.unmodifiableSet(companySignals);
        }
    }

    /** An interview round was agreed, through {@code channel}. */
    @Revision("1")
    record InterviewScheduled(OpportunityId opportunityId, CandidateId candidateId,
                              int round, Instant scheduledFor, Channel channel, Instant agreedAt)
            implements OpportunityEvent {
    }

    /** A scheduled round was moved; {@code noticeLeadTime} is how long before the old time the employer was told. */
    @Revision("1")
    record InterviewRescheduled(OpportunityId opportunityId, CandidateId candidateId,
                                int round, Instant previouslyScheduledFor, Instant scheduledFor,
                                Reason reason, @PersonalData String explanation, Channel channel,
                                @PersonalData String message, Instant notifiedAt, Duration noticeLeadTime)
            implements OpportunityEvent {
    }

    /**
     * A scheduled round was called off. Recorded with it: how long before the interview the employer
     * was told ({@code noticeLeadTime}) and how long the candidate sat on the decision ({@code decisionToNoticeDelay}).
     */
    @Revision("1")
    record InterviewCancelled(OpportunityId opportunityId, CandidateId candidateId,
                              int round, Instant scheduledFor, Reason reason, @PersonalData String explanation,
                              Channel channel, @PersonalData String message, Instant decidedAt, Instant notifiedAt,
                              Duration noticeLeadTime, Duration decisionToNoticeDelay)
            implements OpportunityEvent {
    }

    /** The candidate sat the interview: who they met, what was asked, what confused them, what they learned. */
    @Revision("1")
    record InterviewAttended(OpportunityId opportunityId, CandidateId candidateId,
                             int round, Instant attendedAt, List<Interviewer> interviewers,
                             @PersonalData List<String> questions, @PersonalData List<String> resumeClarifications,
                             @PersonalData List<String> insights, Fit fit)
            implements OpportunityEvent {

        /** Read-only: an event once read is shared by everyone who reads it. */
        public InterviewAttended {
            interviewers = readOnly(interviewers);
            questions = readOnly(questions);
            resumeClarifications = readOnly(resumeClarifications);
            insights = readOnly(insights);
        }
    }

    private static <T> List<T> readOnly(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(list);
    }

    /** The candidate did not show up and did not cancel: a burnt bridge. */
    @Revision("1")
    record InterviewMissed(OpportunityId opportunityId, CandidateId candidateId,
                           int round, Instant scheduledFor, @PersonalData String explanation)
            implements OpportunityEvent {
    }

    /**
     * The candidate turned the invitation down before agreeing to an interview. {@code certainty} UNSURE
     * is the decline the seeds advise against; {@code referredCandidate} is the win/win decline (seed 000).
     */
    @Revision("1")
    record InvitationDeclined(OpportunityId opportunityId, CandidateId candidateId,
                              Reason reason, @PersonalData String explanation, Certainty certainty,
                              Channel channel, @PersonalData String message, Person referredCandidate,
                              Instant decidedAt, Instant notifiedAt, Duration decisionToNoticeDelay)
            implements OpportunityEvent {
    }

    /** The candidate left the process after at least one interview. */
    @Revision("1")
    record WithdrewFromProcess(OpportunityId opportunityId, CandidateId candidateId,
                               Reason reason, @PersonalData String explanation, Channel channel,
                               @PersonalData String message, Instant withdrawnAt, int interviewsAttended)
            implements OpportunityEvent {
    }

    /** The employer said no. */
    @Revision("1")
    record RejectionReceived(OpportunityId opportunityId, CandidateId candidateId,
                             @PersonalData String feedback, Instant rejectedAt)
            implements OpportunityEvent {
    }

    /** The employer made an offer (a later one replaces an open one, as a revised offer). */
    @Revision("1")
    record OfferReceived(OpportunityId opportunityId, CandidateId candidateId,
                         BigDecimal salary, String currency, Instant respondBy, Instant receivedAt)
            implements OpportunityEvent {
    }

    /** The candidate turned the offer down, politely and professionally (seed 002). */
    @Revision("1")
    record OfferDeclined(OpportunityId opportunityId, CandidateId candidateId,
                         Reason reason, @PersonalData String explanation, Channel channel,
                         @PersonalData String message, Instant declinedAt)
            implements OpportunityEvent {
    }

    /** The candidate accepted the offer. */
    @Revision("1")
    record OfferAccepted(OpportunityId opportunityId, CandidateId candidateId, Instant acceptedAt)
            implements OpportunityEvent {
    }

    /**
     * The employer proposed a different position ("where there's smoke, there's fire", seed 002);
     * it opens the linked opportunity {@code newOpportunityId}.
     */
    @Revision("1")
    record AlternativePositionProposed(OpportunityId opportunityId, CandidateId candidateId,
                                       OpportunityId newOpportunityId, String role, Instant proposedAt)
            implements OpportunityEvent {
    }

    /** Something the candidate learned from this opportunity. */
    @Revision("1")
    record LessonRecorded(OpportunityId opportunityId, CandidateId candidateId,
                          LessonCategory category, @PersonalData String text, Instant learnedAt)
            implements OpportunityEvent {
    }

    /** A person met along the way outside an interview: a recruiter, a referrer, someone influential. */
    @Revision("1")
    record ContactMet(OpportunityId opportunityId, CandidateId candidateId,
                      Person contact, String title, ContactRole role, Instant metAt, @PersonalData String note)
            implements OpportunityEvent {
    }

    /** A free-text note on the opportunity. */
    @Revision("1")
    record NoteAdded(OpportunityId opportunityId, CandidateId candidateId, @PersonalData String text,
                     Instant notedAt)
            implements OpportunityEvent {
    }
}
