package io.candor.command.opportunity;

import io.candor.command.candidate.Candidates;
import io.candor.command.opportunity.OpportunityCommand.RecordInvitation;
import io.candor.command.rules.MessagePolicy;
import io.candor.command.rules.Rule;
import io.candor.command.rules.RuleViolation;
import io.candor.events.CandidateId;
import io.candor.events.Channel;
import io.candor.events.CompanySignal;
import io.candor.events.Interest;
import io.candor.events.Person;
import io.candor.events.Source;
import io.candor.events.opportunity.OpportunityEvent.InvitationReceived;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.candor.command.opportunity.OpportunityFixtures.CANDIDATE;
import static io.candor.command.opportunity.OpportunityFixtures.OPPORTUNITY;
import static io.candor.command.opportunity.OpportunityFixtures.OTHER_CANDIDATE;
import static io.candor.command.opportunity.OpportunityFixtures.RECEIVED;

/** An invitation opens an opportunity only for a candidate who exists and was not erased. */
class RecordInvitationTest {

    private static final CandidateId ERASED = CandidateId.of("e0000000-0000-4000-8000-000000000001");
    private static final Person REFERRER = new Person("Priya Shah", "priya@example.org");

    private FixtureConfiguration<Opportunity> fixture;

    @BeforeEach
    void setUp() {
        Set<CandidateId> known = new HashSet<>(Set.of(CANDIDATE, ERASED));
        Candidates candidates = candidate -> {
            if (!known.contains(candidate)) {
                throw new AggregateNotFoundException(candidate.value(), "No candidate " + candidate);
            }
            if (candidate.equals(ERASED)) {
                throw new RuleViolation(Rule.CANDIDATE_ERASED);
            }
        };
        fixture = new AggregateTestFixture<>(Opportunity.class)
                .registerInjectableResource(candidates)
                .registerInjectableResource(new InMemoryAcceptedOffers())
                .registerInjectableResource(new MessagePolicy(List.of()));
    }

    private static RecordInvitation invitationFor(CandidateId candidate, Set<CompanySignal> signals) {
        return new RecordInvitation(OPPORTUNITY, candidate, "Fabrikam Bank", "Associate Analyst", Source.RECRUITER,
                Channel.PHONE, RECEIVED, Interest.UNSURE, REFERRER, signals);
    }

    @Test
    void invitation_opensTheOpportunity_withTheCompanySignalsKnownUpFront() {
        fixture.givenNoPriorActivity()
                .when(invitationFor(CANDIDATE, Set.of(CompanySignal.ACQUISITION)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new InvitationReceived(OPPORTUNITY, CANDIDATE, "Fabrikam Bank", "Associate Analyst",
                        Source.RECRUITER, Channel.PHONE, RECEIVED, Interest.UNSURE, REFERRER,
                        Set.of(CompanySignal.ACQUISITION), null));
    }

    @Test
    void invitation_withoutSignals_recordsNone() {
        fixture.givenNoPriorActivity()
                .when(invitationFor(CANDIDATE, null))
                .expectEvents(new InvitationReceived(OPPORTUNITY, CANDIDATE, "Fabrikam Bank", "Associate Analyst",
                        Source.RECRUITER, Channel.PHONE, RECEIVED, Interest.UNSURE, REFERRER, Set.of(), null));
    }

    @Test
    void invitation_isRefused_forAnErasedCandidate() {
        fixture.givenNoPriorActivity()
                .when(invitationFor(ERASED, Set.of()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("CANDIDATE_ERASED")
                .expectNoEvents();
    }

    @Test
    void invitation_isNotFound_forAnUnknownCandidate() {
        fixture.givenNoPriorActivity()
                .when(invitationFor(OTHER_CANDIDATE, Set.of()))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }
}
