package io.candor.query.contacts;

import com.mongodb.client.MongoDatabase;
import io.candor.events.ContactRole;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.InterviewerRole;
import io.candor.events.OpportunityId;
import io.candor.events.Person;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.query.support.Events;
import io.candor.query.support.QueryClock;
import io.candor.query.support.Sequences;
import io.candor.query.support.TestMongo;
import io.candor.query.support.ViewPositions;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.candor.query.support.Events.day;
import static io.candor.query.support.Events.interviewer;
import static org.assertj.core.api.Assertions.assertThat;

class ContactsProjectionTest {

    private final MongoDatabase database = TestMongo.freshDatabase();
    private final ContactsProjection projection = new ContactsProjection(database, new ViewPositions(database));
    private final ContactsQueries queries = new ContactsQueries(database, QueryClock.of(Clock.fixed(day(30), ZoneOffset.UTC)));
    private final Events events = Events.forNewCandidate();
    private final Sequences sequences = new Sequences();
    private final Person referrer = new Person("Rita Referrer", "Rita@Example.com");

    @BeforeEach
    void registered() {
        feed(events.registered("Casey"));
    }

    private void feed(Object... toFeed) {
        for (Object event : toFeed) {
            long sequence = sequences.next(event);
            if (event instanceof OpportunityEvent o) {
                projection.on(o, sequence, Instant.now());
            } else {
                projection.on((CandidateEvent) event, sequence);
            }
        }
    }

    private ContactsView.Contact contact(String key) {
        return queries.contacts(events.candidate.value()).contacts().stream().filter(c -> c.key.equals(key)).findFirst()
                .orElseThrow();
    }

    @Test
    void interviewers_becomeContacts_withAThankYouDueTheNextDay() {
        OpportunityId id = OpportunityId.generate();
        feed(events.invited(id, "Acme", Interest.INTERESTED, null), events.scheduled(id, 1, day(2)),
                events.attended(id, 1, day(2), Fit.GOOD, List.of(interviewer("Hana Manager", InterviewerRole.HIRING_MANAGER)), List.of()));

        ContactsView.Contact hana = contact("hana.manager@acme.example");

        assertThat(hana.roles).containsExactly("HIRING_MANAGER");
        assertThat(hana.companies).containsExactly("Acme");
        assertThat(hana.metAt).isEqualTo(day(2));
        assertThat(hana.where.opportunityId()).isEqualTo(id.value());
        assertThat(hana.bridge).isEqualTo("WARM");
        assertThat(hana.followUps).extracting(ContactsView.FollowUp::kind, ContactsView.FollowUp::dueAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("THANK_INTERVIEWER", day(3)));
        assertThat(queries.contacts(events.candidate.value()).followUpsDue()).hasSize(1);
    }

    @Test
    void aNoShow_putsEveryContactOfTheOpportunityAtRisk() {
        OpportunityId id = OpportunityId.generate();
        feed(events.invited(id, "Acme", Interest.INTERESTED, referrer),
                events.met(id, "Rob Recruiter", ContactRole.RECRUITER, day(1)),
                events.scheduled(id, 1, day(2)), events.missed(id, 1, day(2)));

        assertThat(contact("rita@example.com").bridge).isEqualTo("AT_RISK");
        assertThat(contact("rita@example.com").riskCauses).containsExactly("NO_SHOW");
        assertThat(contact("rob recruiter").riskCauses).containsExactly("NO_SHOW");
        assertThat(contact("rob recruiter").followUps).extracting(ContactsView.FollowUp::kind).containsExactly("KEEP_IN_TOUCH");
    }

    @Test
    void aLateCancellation_isLateNotice_andTheReferrerIsToBeTold() {
        OpportunityId id = OpportunityId.generate();
        feed(events.invited(id, "Acme", Interest.INTERESTED, referrer), events.scheduled(id, 1, day(5)),
                events.cancelled(id, 1, day(5), Duration.ofHours(3)));

        ContactsView.Contact rita = contact("rita@example.com");
        assertThat(rita.riskCauses).containsExactly("LATE_NOTICE");
        assertThat(rita.followUps).extracting(ContactsView.FollowUp::kind).containsExactly("TELL_REFERRER");
    }

    @Test
    void aTimelyCancellation_keepsTheBridgeWarm() {
        OpportunityId id = OpportunityId.generate();
        feed(events.invited(id, "Acme", Interest.INTERESTED, referrer), events.scheduled(id, 1, day(5)),
                events.cancelled(id, 1, day(5), Duration.ofDays(2)));

        assertThat(contact("rita@example.com").bridge).isEqualTo("WARM");
    }

    @Test
    void aWithdrawalWithoutThanks_putsTheBridgeAtRisk_butOneWithThanksDoesNot() {
        OpportunityId rude = OpportunityId.generate();
        OpportunityId polite = OpportunityId.generate();
        feed(events.invited(rude, "Rude Inc", Interest.INTERESTED, null),
                events.attended(rude, 1, day(2), Fit.NOT_A_FIT, List.of(interviewer("Ivan One", InterviewerRole.INTERVIEWER)), List.of()),
                events.withdrew(rude, day(3), "I am out."),
                events.invited(polite, "Polite Inc", Interest.INTERESTED, null),
                events.attended(polite, 1, day(2), Fit.NOT_A_FIT, List.of(interviewer("Ivan Two", InterviewerRole.INTERVIEWER)), List.of()),
                events.withdrew(polite, day(3), "Thank you for your time."));

        assertThat(contact("ivan.one@acme.example").riskCauses).containsExactly("WITHDREW_WITHOUT_THANKS");
        assertThat(contact("ivan.two@acme.example").bridge).isEqualTo("WARM");
    }

    @Test
    void aWinWinDecline_addsTheReferredCandidate_andContactsAreIdentifiedByLowerCasedEmail() {
        OpportunityId first = OpportunityId.generate();
        OpportunityId second = OpportunityId.generate();
        feed(events.invited(first, "Acme", Interest.NOT_INTERESTED, referrer),
                events.declined(first, day(1), new Person("Pat Peer", "pat@example.com")),
                events.invited(second, "Beta", Interest.INTERESTED, new Person("Rita R.", "rita@example.COM")));

        assertThat(contact("pat@example.com").roles).containsExactly("REFERRED_CANDIDATE");
        ContactsView.Contact rita = contact("rita@example.com");
        assertThat(rita.companies).containsExactly("Acme", "Beta");
        assertThat(rita.interactions).hasSize(2);
        assertThat(rita.followUps).extracting(ContactsView.FollowUp::kind).containsExactly("TELL_REFERRER");
    }

    @Test
    void applyingTheSameEventTwice_leavesTheViewUnchanged() {
        OpportunityId id = OpportunityId.generate();
        OpportunityEvent attended = events.attended(id, 1, day(2), Fit.GOOD,
                List.of(interviewer("Hana Manager", InterviewerRole.HIRING_MANAGER)), List.of());
        feed(events.invited(id, "Acme", Interest.INTERESTED, referrer), attended);
        List<Document> before = database.getCollection(ContactsProjection.CONTACTS).find().into(new ArrayList<>());

        projection.on(attended, 1, Instant.now());

        assertThat(database.getCollection(ContactsProjection.CONTACTS).find().into(new ArrayList<>())).isEqualTo(before);
    }
}
