package io.candor.query.pipeline;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.OpportunityId;
import io.candor.events.Stage;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.query.support.Events;
import io.candor.query.support.QueryClock;
import io.candor.query.support.TestMongo;
import io.candor.query.support.ViewPositions;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.candor.query.support.Events.day;
import static org.assertj.core.api.Assertions.assertThat;

class PipelineProjectionTest {

    private final MongoDatabase database = TestMongo.freshDatabase();
    private final ViewPositions positions = new ViewPositions(database);
    private final PipelineProjection projection = new PipelineProjection(database, positions);
    private final PipelineQueries queries = new PipelineQueries(database,
            QueryClock.of(Clock.fixed(day(30), ZoneOffset.UTC)));
    private final Events events = Events.forNewCandidate();
    private final java.util.Map<OpportunityId, Long> sequences = new java.util.HashMap<>();

    private void feed(OpportunityEvent... toFeed) {
        for (OpportunityEvent event : toFeed) {
            long sequence = sequences.merge(event.opportunityId(), 0L, (old, zero) -> old + 1);
            projection.on(event, sequence, Instant.now());
        }
    }

    @Test
    void aCandidatesListOfOpportunities_isNotReadAgain_whenABatchListsANewOne() {
        AtomicInteger listReads = new AtomicInteger();
        MongoDatabase watched = TestMongo.freshDatabaseWatchedBy(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent started) {
                if (started.getCommandName().equals("find")
                        && started.getCommand().getString("find").getValue().equals(PipelineProjection.BY_CANDIDATE)) {
                    listReads.incrementAndGet();
                }
            }
        });
        PipelineProjection inBatches = new PipelineProjection(watched, new ViewPositions(watched));
        inOneBatch(inBatches, List.of(OpportunityId.generate(), OpportunityId.generate()));
        int readsBefore = listReads.get();

        OpportunityId next = OpportunityId.generate();
        inOneBatch(inBatches, List.of(next));

        assertThat(listReads.get()).as("reads of the list by the second batch").isEqualTo(readsBefore);
        assertThat(new PipelineQueries(watched, QueryClock.of(Clock.fixed(day(30), ZoneOffset.UTC)))
                .opportunitiesOf(events.candidate.value())).hasSize(3);
    }

    /** The invitations of {@code opportunities}, handled by {@code projection} in one batch, as its processor would. */
    private void inOneBatch(PipelineProjection projection, List<OpportunityId> opportunities) {
        List<EventMessage<?>> messages = opportunities.stream().<EventMessage<?>>map(id ->
                new GenericDomainEventMessage<>("Opportunity", id.value(), 0,
                        events.invited(id, "A", Interest.INTERESTED, null))).toList();
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        batch.executeWithResult(() -> {
            for (EventMessage<?> message : messages) {
                projection.on((OpportunityEvent) message.getPayload(), 0, Instant.now());
            }
            return null; // written as the batch commits
        });
    }

    @Test
    void funnel_countsTheFurthestStageReached_notTheCurrentStatus() {
        OpportunityId invitedOnly = OpportunityId.generate();
        OpportunityId rejectedAfterInterview = OpportunityId.generate();
        OpportunityId offerDeclined = OpportunityId.generate();
        OpportunityId hired = OpportunityId.generate();
        OpportunityId declined = OpportunityId.generate();
        feed(events.invited(invitedOnly, "A", Interest.INTERESTED, null));
        feed(events.invited(rejectedAfterInterview, "B", Interest.INTERESTED, null),
                events.scheduled(rejectedAfterInterview, 1, day(2)),
                events.attended(rejectedAfterInterview, 1, day(2), Fit.GOOD, List.of(), List.of()),
                events.rejected(rejectedAfterInterview, day(5)));
        feed(events.invited(offerDeclined, "C", Interest.UNSURE, null),
                events.scheduled(offerDeclined, 1, day(3)),
                events.attended(offerDeclined, 1, day(3), Fit.GOOD, List.of(), List.of()),
                events.offered(offerDeclined, day(6)),
                events.offerDeclined(offerDeclined, day(7)));
        feed(events.invited(hired, "D", Interest.INTERESTED, null),
                events.scheduled(hired, 1, day(3)),
                events.attended(hired, 1, day(3), Fit.GOOD, List.of(), List.of()),
                events.offered(hired, day(8)),
                events.accepted(hired, day(9)));
        feed(events.invited(declined, "E", Interest.NOT_INTERESTED, null), events.declined(declined, day(1), null));

        PipelineQueries.Funnel funnel = queries.funnel(events.candidate.value());

        assertThat(funnel.total()).isEqualTo(5);
        assertThat(funnel.reached()).containsEntry(Stage.INVITED, 5L).containsEntry(Stage.SCHEDULED, 3L)
                .containsEntry(Stage.ATTENDED, 3L).containsEntry(Stage.OFFERED, 2L).containsEntry(Stage.OFFER_ACCEPTED, 1L);
        assertThat(funnel.furthest()).containsEntry(Stage.INVITED, 2L).containsEntry(Stage.ATTENDED, 1L)
                .containsEntry(Stage.OFFERED, 1L).containsEntry(Stage.OFFER_ACCEPTED, 1L);
        assertThat(funnel.outcomes()).containsEntry(Stage.REJECTED, 1L).containsEntry(Stage.OFFER_DECLINED, 1L)
                .containsEntry(Stage.DECLINED, 1L).containsEntry(Stage.OFFER_ACCEPTED, 1L);
        assertThat(funnel.open()).isEqualTo(1);
        assertThat(funnel.timeInStage().get(Stage.OFFERED).averageSeconds()).isEqualTo(Duration.ofDays(1).toSeconds());
    }

    @Test
    void opportunity_keepsItsHistory_andTimeInStage_withTheOpenStageRunningToNow() {
        OpportunityId id = OpportunityId.generate();
        feed(events.invited(id, "Acme", Interest.INTERESTED, null), events.scheduled(id, 1, day(4)));

        OpportunityView view = queries.opportunity(id.value());

        assertThat(view.stage).isEqualTo(Stage.SCHEDULED);
        assertThat(view.round).isEqualTo(1);
        assertThat(view.company).isEqualTo("Acme");
        assertThat(view.history).extracting(OpportunityView.HistoryEntry::event)
                .containsExactly("InvitationReceived", "InterviewScheduled");
        assertThat(view.timeInStage).hasSize(2);
        assertThat(view.timeInStage.get(0).stage()).isEqualTo(Stage.INVITED);
        assertThat(view.timeInStage.get(0).seconds()).isEqualTo(Duration.ofDays(3).toSeconds());
        assertThat(view.timeInStage.get(1).to()).isEqualTo(day(30));
        assertThat(positions.sequence(PipelineProjection.VIEW, id.value())).isEqualTo(1);
    }

    @Test
    void applyingTheSameEventTwice_leavesTheViewUnchanged() {
        OpportunityId id = OpportunityId.generate();
        feed(events.invited(id, "Acme", Interest.INTERESTED, null), events.scheduled(id, 1, day(4)));
        List<Document> before = database.getCollection(PipelineProjection.OPPORTUNITIES).find().into(new ArrayList<>());

        projection.on(events.scheduled(id, 1, day(4)), 1, Instant.now());
        projection.on(events.invited(id, "Acme", Interest.INTERESTED, null), 0, Instant.now());

        assertThat(database.getCollection(PipelineProjection.OPPORTUNITIES).find().into(new ArrayList<>())).isEqualTo(before);
    }

    /**
     * Feeds {@code original}'s invitation and the alternative position proposed in it; answers the alternative's
     * invitation, not fed yet.
     */
    private OpportunityEvent.InvitationReceived alternativeProposed(OpportunityId original, OpportunityId alternative) {
        feed(events.invited(original, "Acme", Interest.UNSURE, null),
                new OpportunityEvent.AlternativePositionProposed(original, events.candidate, alternative, "Architect", day(3)));
        return new OpportunityEvent.InvitationReceived(alternative, events.candidate, "Acme", "Architect", null, null,
                day(3), Interest.INTERESTED, null, null, original);
    }

    @Test
    void alternativePosition_linksBothOpportunities() {
        OpportunityId original = OpportunityId.generate();
        OpportunityId alternative = OpportunityId.generate();
        feed(alternativeProposed(original, alternative));

        assertThat(queries.opportunity(original.value()).alternatives).containsExactly(alternative.value());
        assertThat(queries.opportunity(alternative.value()).alternativeTo).isEqualTo(original.value());
    }

    /**
     * A batch writes the new alternative before the original that lists it; a write of the original that failed
     * after it (the batch is then handled again) must not leave the link out for good, though the alternative's
     * invitation is applied already.
     */
    @Test
    void anAlternativeWrittenWithoutItsLink_isLinkedWhenItsInvitationIsHandledAgain() {
        OpportunityId original = OpportunityId.generate();
        OpportunityId alternative = OpportunityId.generate();
        OpportunityEvent.InvitationReceived invitation = alternativeProposed(original, alternative);
        feed(invitation);
        database.getCollection(PipelineProjection.OPPORTUNITIES).updateOne(Filters.eq("_id", original.value()),
                Updates.set("alternatives", List.of())); // the original as it was before the failed write

        projection.on(invitation, 0, Instant.now());

        assertThat(queries.opportunity(original.value()).alternatives).containsExactly(alternative.value());
        assertThat(queries.opportunity(alternative.value()).history).hasSize(1);
    }
}
