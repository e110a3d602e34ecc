package io.candor.query.timeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.OpportunityId;
import io.candor.events.Person;
import io.candor.events.Stage;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.query.support.Events;
import io.candor.query.support.Sequences;
import io.candor.query.support.TestMongo;
import io.candor.query.support.ViewPositions;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.candor.query.support.Events.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TimelineProjectionTest {

    private final MongoDatabase database = TestMongo.freshDatabase();
    private final TimelineProjection projection = new TimelineProjection(database, new ViewPositions(database));
    private final TimelineQueries queries = new TimelineQueries(database);
    private final Events events = Events.forNewCandidate();
    private final Sequences sequences = new Sequences();

    /** Feeds {@code event} as recorded at {@code recordedAt} by {@code userId}. */
    private void feed(Object event, Instant recordedAt, String userId) {
        long sequence = sequences.next(event);
        MetaData metaData = userId == null ? MetaData.emptyInstance() : MetaData.with("recordedBy", userId);
        if (event instanceof OpportunityEvent o) {
            projection.on(o, sequence, recordedAt, UUID.randomUUID().toString(), metaData);
        } else {
            projection.on((CandidateEvent) event, sequence, recordedAt, UUID.randomUUID().toString(), metaData);
        }
    }

    @Test
    void asOf_showsTheStateAsItWasWhenThingsHappened_andKnownAt_theRecordAsItStoodThen() {
        OpportunityId id = OpportunityId.generate();
        feed(events.registered("Casey"), day(0), "auditor");
        feed(events.invited(id, "Acme", Interest.INTERESTED, null), day(0), "auditor");
        feed(events.scheduled(id, 1, day(3)), day(2), null);
        // attended on day 3, but only recorded on day 10 (an imported history)
        feed(events.attended(id, 1, day(3), Fit.GOOD, List.of(), List.of()), day(10), null);

        TimelineQueries.Timeline asOfDay5 = queries.timeline(events.candidate.value(), day(5), null);
        TimelineQueries.Timeline knownAtDay5 = queries.timeline(events.candidate.value(), null, day(5));
        TimelineQueries.Timeline both = queries.timeline(events.candidate.value(), day(2).plusSeconds(1), day(5));

        assertThat(asOfDay5.entries()).hasSize(4);
        assertThat(asOfDay5.state().opportunities()).extracting(TimelineQueries.OpportunityState::stage).containsExactly(Stage.ATTENDED);
        assertThat(knownAtDay5.entries()).hasSize(3);
        assertThat(knownAtDay5.state().opportunities()).extracting(TimelineQueries.OpportunityState::stage).containsExactly(Stage.SCHEDULED);
        assertThat(both.entries()).extracting(entry -> entry.type)
                .containsExactly("CandidateRegistered", "InvitationReceived", "InterviewScheduled");
        assertThat(queries.timeline(events.candidate.value(), day(1), null).state().opportunities())
                .extracting(TimelineQueries.OpportunityState::stage).containsExactly(Stage.INVITED);
    }

    @Test
    void anOpportunitysCompany_isRememberedFromItsInvitation_inTheOpenPage_evenByAProcessThatNeverSawIt() {
        OpportunityId id = OpportunityId.generate();
        feed(events.registered("Casey"), day(0), null);
        feed(events.invited(id, "Acme", Interest.INTERESTED, null), day(0), null);
        // the page closes in between: what an opportunity's later events need stays with the open page
        for (int i = 0; i < TimelinePages.PAGE_ENTRIES; i++) {
            feed(new CandidateEvent.EmploymentStatusChanged(events.candidate, i % 2 == 0, day(1)), day(1), null);
        }
        // another process, or this one restarted: it knows only what is stored
        TimelineProjection another = new TimelineProjection(database, new ViewPositions(database));

        OpportunityEvent declined = events.declined(id, day(2), null);
        another.on(declined, sequences.next(declined), day(2), UUID.randomUUID().toString(), MetaData.emptyInstance());

        List<TimelineEntry> entries = queries.timeline(events.candidate.value(), null, null).entries();
        assertThat(entries).filteredOn(entry -> id.value().equals(entry.opportunityId))
                .extracting(entry -> entry.type, entry -> entry.company, entry -> entry.role)
                .containsExactly(tuple("InvitationReceived", "Acme", "Engineer"), tuple("InvitationDeclined", "Acme", "Engineer"));
    }

    @Test
    void entries_sayWhoRecordedThem_andCarryTheCompanyOfTheirOpportunity() {
        OpportunityId id = OpportunityId.generate();
        feed(events.registered("Casey"), day(0), "staffing-firm-7");
        feed(events.invited(id, "Acme", Interest.INTERESTED, null), day(0), null);
        feed(events.declined(id, day(1), null), day(1), null);

        List<TimelineEntry> entries = queries.timeline(events.candidate.value(), null, null).entries();

        assertThat(entries).extracting(entry -> entry.recordedBy).containsExactly("staffing-firm-7", "anonymous", "anonymous");
        assertThat(entries.get(2).company).isEqualTo("Acme");
        assertThat(entries.get(2).stage).isEqualTo(Stage.DECLINED);
        assertThat(entries.get(2).details).containsEntry("reason", "COMMUTE");
    }

    @Test
    void searchAndEmployment_foldFromTheCandidateEvents() {
        feed(events.registered("Casey"), day(0), null);
        feed(new CandidateEvent.JobSearchStarted(events.candidate, day(1)), day(1), null);
        feed(new CandidateEvent.EmploymentStatusChanged(events.candidate, false, day(4)), day(4), null);

        TimelineQueries.State day2 = queries.timeline(events.candidate.value(), day(2), null).state();
        TimelineQueries.State now = queries.timeline(events.candidate.value(), null, null).state();

        assertThat(day2.searchActive()).isTrue();
        assertThat(day2.employed()).isTrue();
        assertThat(now.employed()).isFalse();
    }

    @Test
    void applyingTheSameEventTwice_leavesTheViewUnchanged() {
        OpportunityId id = OpportunityId.generate();
        feed(events.registered("Casey"), day(0), null);
        OpportunityEvent invited = events.invited(id, "Acme", Interest.INTERESTED, null);
        String eventId = UUID.randomUUID().toString();
        projection.on(invited, 0, day(0), eventId, MetaData.emptyInstance());
        List<Document> before = database.getCollection(TimelineProjection.PAGES).find().into(new ArrayList<>());

        projection.on(invited, 0, day(0), eventId, MetaData.emptyInstance());

        assertThat(database.getCollection(TimelineProjection.PAGES).find().into(new ArrayList<>())).isEqualTo(before);
    }

    @Test
    void aLongHistory_isKeptInPagesAndReadWhole_andErasureReachesEveryPage() {
        int opportunities = TimelinePages.PAGE_ENTRIES + TimelinePages.PAGE_ENTRIES / 2;
        feed(events.registered("Casey"), day(0), null);
        for (int i = 0; i < opportunities; i++) {
            feed(events.invited(OpportunityId.generate(), "Company " + i, Interest.INTERESTED,
                    new Person("Referrer " + i, "referrer" + i + "@example.com")), day(1), null);
        }
        String candidate = events.candidate.value();
        MongoCollection<Document> pages = database.getCollection(TimelineProjection.PAGES);
        assertThat(pages.countDocuments()).as("the open page and one closed page").isEqualTo(2);
        assertThat(pages.find(Filters.eq("_id", TimelinePages.closedPageId(candidate, 1))).first()
                .getList("entries", Document.class)).hasSize(TimelinePages.PAGE_ENTRIES);

        List<TimelineEntry> entries = queries.timeline(candidate, null, null).entries();
        assertThat(entries).hasSize(opportunities + 1);
        assertThat(entries).extracting(entry -> entry.company).doesNotHaveDuplicates();
        assertThat(entries.get(1).details).containsKey("referrer");

        feed(new CandidateEvent.CandidatePersonalDataErased(events.candidate, day(2)), day(2), null);

        List<TimelineEntry> erased = queries.timeline(candidate, null, null).entries();
        assertThat(erased).hasSize(opportunities + 2);
        assertThat(erased).allSatisfy(entry -> assertThat(entry.details).doesNotContainKeys("referrer", "displayName"));
    }

    @Test
    void anErasureDeliveredAgain_erasesWhatAWriteCutShortLeft_thoughItsEntryIsThereAlready() {
        feed(events.registered("Casey"), day(0), null);
        for (int i = 0; i < TimelinePages.PAGE_ENTRIES; i++) {
            feed(events.invited(OpportunityId.generate(), "Company " + i, Interest.INTERESTED,
                    new Person("Referrer " + i, "referrer" + i + "@example.com")), day(1), null);
        }
        String candidate = events.candidate.value();
        CandidateEvent erasure = new CandidateEvent.CandidatePersonalDataErased(events.candidate, day(2));
        long sequence = sequences.next(erasure);
        String eventId = UUID.randomUUID().toString();
        projection.on(erasure, sequence, day(2), eventId, MetaData.emptyInstance());
        // As if the write of the closed page had not happened: its entries still carry a referrer
        MongoCollection<Document> pages = database.getCollection(TimelineProjection.PAGES);
        String closed = TimelinePages.closedPageId(candidate, 1);
        List<Document> unerased = pages.find(Filters.eq("_id", closed)).first().getList("entries", Document.class);
        unerased.forEach(entry -> entry.get("details", Document.class)
                .append("referrer", new Document("name", "Still here")));
        pages.replaceOne(Filters.eq("_id", closed), new Document("entries", unerased));

        projection.on(erasure, sequence, day(2), eventId, MetaData.emptyInstance());

        List<TimelineEntry> entries = queries.timeline(candidate, null, null).entries();
        assertThat(entries).hasSize(TimelinePages.PAGE_ENTRIES + 2);
        assertThat(entries).allSatisfy(entry -> assertThat(entry.details).doesNotContainKey("referrer"));
    }
}
