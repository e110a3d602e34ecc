package io.candor.command.opportunity;

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
import io.candor.events.Reason;
import io.candor.events.Source;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything one can ask of an opportunity. Instants are when things happened, as the client says (the HTTP
 * layer fills a missing one with now); the rules compare these, never the wall clock.
 */
public sealed interface OpportunityCommand {

    OpportunityId opportunityId();

    /** Opens an opportunity for a registered candidate who was not erased. */
    record RecordInvitation(@TargetAggregateIdentifier OpportunityId opportunityId, CandidateId candidateId,
                            String company, String role, Source source, Channel channel, Instant receivedAt,
                            Interest interest, Person referrer, Set<CompanySignal> companySignals)
            implements OpportunityCommand {
    }

    record ScheduleInterview(@TargetAggregateIdentifier OpportunityId opportunityId, Instant scheduledFor,
                             Channel channel, Instant agreedAt)
            implements OpportunityCommand {
    }

    record RescheduleInterview(@TargetAggregateIdentifier OpportunityId opportunityId, int round,
                               Instant scheduledFor, Reason reason, String explanation, Channel channel,
                               String message, Instant notifiedAt)
            implements OpportunityCommand {
    }

    record CancelInterview(@TargetAggregateIdentifier OpportunityId opportunityId, int round, Reason reason,
                           String explanation, Channel channel, String message, Instant decidedAt,
                           Instant notifiedAt)
            implements OpportunityCommand {
    }

    record RecordInterviewAttended(@TargetAggregateIdentifier OpportunityId opportunityId, int round,
                                   Instant attendedAt, List<Interviewer> interviewers, List<String> questions,
                                   List<String> resumeClarifications, List<String> insights, Fit fit)
            implements OpportunityCommand {
    }

    record RecordInterviewMissed(@TargetAggregateIdentifier OpportunityId opportunityId, int round,
                                 String explanation)
            implements OpportunityCommand {
    }

    record DeclineInvitation(@TargetAggregateIdentifier OpportunityId opportunityId, Reason reason,
                             String explanation, Certainty certainty, Channel channel, String message,
                             Person referredCandidate, Instant decidedAt, Instant notifiedAt)
            implements OpportunityCommand {
    }

    record WithdrawFromProcess(@TargetAggregateIdentifier OpportunityId opportunityId, Reason reason,
                               String explanation, Channel channel, String message, Instant withdrawnAt)
            implements OpportunityCommand {
    }

    record RecordRejection(@TargetAggregateIdentifier OpportunityId opportunityId, String feedback,
                           Instant rejectedAt)
            implements OpportunityCommand {
    }

    record RecordOffer(@TargetAggregateIdentifier OpportunityId opportunityId, BigDecimal salary, String currency,
                       Instant respondBy, Instant receivedAt)
            implements OpportunityCommand {
    }

    record DeclineOffer(@TargetAggregateIdentifier OpportunityId opportunityId, Reason reason, String explanation,
                        Channel channel, String message, Instant declinedAt)
            implements OpportunityCommand {
    }

    record AcceptOffer(@TargetAggregateIdentifier OpportunityId opportunityId, Instant acceptedAt)
            implements OpportunityCommand {
    }

    /** Records the employer's proposal and opens the linked opportunity {@code newOpportunityId}. */
    record ProposeAlternativePosition(@TargetAggregateIdentifier OpportunityId opportunityId,
                                      OpportunityId newOpportunityId, String role, Instant proposedAt)
            implements OpportunityCommand {
    }

    record RecordLesson(@TargetAggregateIdentifier OpportunityId opportunityId, LessonCategory category,
                        String text, Instant learnedAt)
            implements OpportunityCommand {
    }

    record RecordContact(@TargetAggregateIdentifier OpportunityId opportunityId, Person contact, String title,
                         ContactRole role, Instant metAt, String note)
            implements OpportunityCommand {
    }

    record AddNote(@TargetAggregateIdentifier OpportunityId opportunityId, String text, Instant notedAt)
            implements OpportunityCommand {
    }
}
