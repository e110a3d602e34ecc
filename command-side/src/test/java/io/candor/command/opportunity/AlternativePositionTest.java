package io.candor.command.opportunity;

import io.candor.command.candidate.Candidates;
import io.candor.command.opportunity.OpportunityCommand.ProposeAlternativePosition;
import io.candor.command.opportunity.OpportunityCommand.RecordInterviewAttended;
import io.candor.command.opportunity.OpportunityCommand.RecordInvitation;
import io.candor.command.opportunity.OpportunityCommand.ScheduleInterview;
import io.candor.command.rules.MessagePolicy;
import io.candor.events.Channel;
import io.candor.events.CompanySignal;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.OpportunityId;
import io.candor.events.Person;
import io.candor.events.Source;
import io.candor.events.opportunity.OpportunityEvent.AlternativePositionProposed;
import io.candor.events.opportunity.OpportunityEvent.InvitationReceived;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.candor.command.opportunity.OpportunityFixtures.CANDIDATE;
import static io.candor.command.opportunity.OpportunityFixtures.INTERVIEW;
import static io.candor.command.opportunity.OpportunityFixtures.OPPORTUNITY;
import static io.candor.command.opportunity.OpportunityFixtures.OTHER_OPPORTUNITY;
import static io.candor.command.opportunity.OpportunityFixtures.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An employer proposing another position (seed 002) opens a linked opportunity in the same unit of work: two
 * aggregates, so told through a small Axon configuration with an in-memory event store rather than the fixture.
 */
class AlternativePositionTest {

    private Configuration axon;

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(config -> new InMemoryEventStorageEngine())
                .configureAggregate(Opportunity.class)
                .registerComponent(Candidates.class, config -> candidate -> {
                })
                .registerComponent(AcceptedOffers.class, config -> new InMemoryAcceptedOffers())
                .registerComponent(MessagePolicy.class, config -> new MessagePolicy(List.of()))
                .buildConfiguration();
        axon.start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void aProposedPosition_opensALinkedOpportunity_atTheSameCompanyThroughTheSameChannel() {
        Person referrer = new Person("Priya Shah", "priya@example.org");
        send(new RecordInvitation(OPPORTUNITY, CANDIDATE, "Northwind Logistics", "Data Analyst", Source.REFERRAL,
                Channel.PHONE, RECEIVED, Interest.UNSURE, referrer, Set.of(CompanySignal.MERGER)));
        send(new ScheduleInterview(OPPORTUNITY, INTERVIEW, Channel.EMAIL, RECEIVED));
        send(new RecordInterviewAttended(OPPORTUNITY, 1, INTERVIEW, List.of(), List.of(), List.of(), List.of(),
                Fit.NOT_A_FIT));
        Instant proposedAt = INTERVIEW.plus(Duration.ofDays(1));

        Object result = send(new ProposeAlternativePosition(OPPORTUNITY, OTHER_OPPORTUNITY,
                "Analytics Engineering Lead", proposedAt));

        assertThat(result).isEqualTo(OTHER_OPPORTUNITY);
        assertThat(payloads(OPPORTUNITY)).last().isEqualTo(new AlternativePositionProposed(OPPORTUNITY, CANDIDATE,
                OTHER_OPPORTUNITY, "Analytics Engineering Lead", proposedAt));
        assertThat(payloads(OTHER_OPPORTUNITY)).containsExactly(new InvitationReceived(OTHER_OPPORTUNITY, CANDIDATE,
                "Northwind Logistics", "Analytics Engineering Lead", Source.REFERRAL, Channel.EMAIL, proposedAt,
                Interest.UNSURE, null, Set.of(CompanySignal.MERGER), OPPORTUNITY));
    }

    @Test
    void theLinkedOpportunity_takesCommandsOfItsOwn() {
        send(new RecordInvitation(OPPORTUNITY, CANDIDATE, "Northwind Logistics", "Data Analyst", Source.DIRECT,
                Channel.EMAIL, RECEIVED, Interest.INTERESTED, null, null));
        send(new ProposeAlternativePosition(OPPORTUNITY, OTHER_OPPORTUNITY, "Lead", RECEIVED));

        Object round = send(new ScheduleInterview(OTHER_OPPORTUNITY, INTERVIEW, Channel.EMAIL, RECEIVED));

        assertThat(round).isEqualTo(1);
    }

    private Object send(Object command) {
        return axon.commandGateway().sendAndWait(command);
    }

    private List<Object> payloads(OpportunityId opportunity) {
        return axon.eventStore().readEvents(opportunity.value()).asStream().<Object>map(EventMessage::getPayload).toList();
    }
}
