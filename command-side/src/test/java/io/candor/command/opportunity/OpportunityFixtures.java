package io.candor.command.opportunity;

import io.candor.command.rules.Rule;
import io.candor.command.rules.RuleViolation;
import io.candor.events.CandidateId;
import io.candor.events.Channel;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.OpportunityId;
import io.candor.events.Source;
import io.candor.events.opportunity.OpportunityEvent.InterviewAttended;
import io.candor.events.opportunity.OpportunityEvent.InterviewScheduled;
import io.candor.events.opportunity.OpportunityEvent.InvitationReceived;
import io.candor.events.opportunity.OpportunityEvent.OfferReceived;
import org.axonframework.test.aggregate.ResultValidator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The events and instants the opportunity tests are told in, so each test reads as its story. */
final class OpportunityFixtures {

    static final OpportunityId OPPORTUNITY = OpportunityId.of("7d3c8a0e-0000-4000-8000-000000000001");
    static final OpportunityId OTHER_OPPORTUNITY = OpportunityId.of("7d3c8a0e-0000-4000-8000-000000000002");
    static final CandidateId CANDIDATE = CandidateId.of("c0ffee00-0000-4000-8000-000000000001");
    static final CandidateId OTHER_CANDIDATE = CandidateId.of("c0ffee00-0000-4000-8000-000000000002");
    static final Instant RECEIVED = Instant.parse("2026-03-01T09:00:00Z");
    static final Instant INTERVIEW = Instant.parse("2026-03-10T14:00:00Z");
    static final String THANKS = "Thank you for your time and the conversation.";

    private OpportunityFixtures() {
    }

    static Instant hoursBeforeInterview(long hours) {
        return INTERVIEW.minus(Duration.ofHours(hours));
    }

    static InvitationReceived invited() {
        return invitedThrough(Channel.EMAIL);
    }

    static InvitationReceived invitedThrough(Channel channel) {
        return new InvitationReceived(OPPORTUNITY, CANDIDATE, "Northwind Logistics", "Data Analyst",
                Source.REFERRAL, channel, RECEIVED, Interest.UNSURE, null, Set.of(), null);
    }

    static InterviewScheduled scheduled(int round) {
        return scheduled(round, INTERVIEW, Channel.EMAIL);
    }

    static InterviewScheduled scheduled(int round, Instant at, Channel channel) {
        return new InterviewScheduled(OPPORTUNITY, CANDIDATE, round, at, channel, RECEIVED);
    }

    static InterviewAttended attended(int round) {
        return new InterviewAttended(OPPORTUNITY, CANDIDATE, round, INTERVIEW, List.of(), List.of(), List.of(),
                List.of(), Fit.GOOD);
    }

    static OfferReceived offered() {
        return new OfferReceived(OPPORTUNITY, CANDIDATE, new BigDecimal("90000"), "EUR",
                INTERVIEW.plus(Duration.ofDays(7)), INTERVIEW.plus(Duration.ofDays(1)));
    }

    /** The command was refused with exactly {@code rule}, and nothing was stored. */
    static void refusedWith(ResultValidator<Opportunity> result, Rule rule) {
        result.expectException(RuleViolation.class)
                .expectExceptionMessage(rule.name())
                .expectNoEvents();
    }
}
