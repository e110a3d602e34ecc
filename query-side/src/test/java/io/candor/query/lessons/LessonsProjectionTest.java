package io.candor.query.lessons;

import com.mongodb.client.MongoDatabase;
import io.candor.events.CompanySignal;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.LessonCategory;
import io.candor.events.OpportunityId;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.query.support.Events;
import io.candor.query.support.Sequences;
import io.candor.query.support.TestMongo;
import io.candor.query.support.ViewPositions;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.candor.query.support.Events.day;
import static org.assertj.core.api.Assertions.assertThat;

class LessonsProjectionTest {

    private final MongoDatabase database = TestMongo.freshDatabase();
    private final LessonsProjection projection = new LessonsProjection(database, new ViewPositions(database));
    private final LessonsQueries queries = new LessonsQueries(database);
    private final Events events = Events.forNewCandidate();
    private final Sequences sequences = new Sequences();

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

    private LessonsQueries.Lessons lessons() {
        return queries.lessons(events.candidate.value());
    }

    @Test
    void questions_areGroupedByNormalisedText_andSortedByHowOftenTheyWereAsked() {
        OpportunityId acme = OpportunityId.generate();
        OpportunityId beta = OpportunityId.generate();
        feed(events.invited(acme, "Acme", Interest.INTERESTED, null),
                events.attended(acme, 1, day(2), Fit.GOOD, List.of(), List.of("Why do you want to leave?", "What is CQRS?")),
                events.invited(beta, "Beta", Interest.INTERESTED, null),
                events.attended(beta, 1, day(4), Fit.GOOD, List.of(), List.of("  why do you   WANT to leave ")),
                events.lesson(beta, LessonCategory.INTERVIEW_QUESTION, "Why do you want to leave??", day(5)));

        List<LessonsView.Question> questions = lessons().questions();

        assertThat(questions).hasSize(2);
        assertThat(questions.get(0).text).isEqualTo("Why do you want to leave?");
        assertThat(questions.get(0).count).isEqualTo(3);
        assertThat(questions.get(0).askedAt).extracting(LessonsView.Asked::company).containsExactly("Acme", "Beta", "Beta");
        assertThat(questions.get(1).count).isEqualTo(1);
    }

    @Test
    void surprises_areOpportunitiesThatBeganUnsureOrNotInterested_andReachedAnOffer() {
        OpportunityId unsure = OpportunityId.generate();
        OpportunityId keen = OpportunityId.generate();
        feed(events.invited(unsure, "Acme", Interest.UNSURE, null), events.attended(unsure, 1, day(2), Fit.GOOD, List.of(), List.of()),
                events.offered(unsure, day(6)),
                events.invited(keen, "Beta", Interest.INTERESTED, null), events.attended(keen, 1, day(2), Fit.GOOD, List.of(), List.of()),
                events.offered(keen, day(6)));

        assertThat(lessons().surprises()).extracting(LessonsView.Surprise::company).containsExactly("Acme");
    }

    @Test
    void practiceInterviews_areThoseAttendedWhileNotInterested_orFoundNotAFit() {
        OpportunityId notInterested = OpportunityId.generate();
        OpportunityId notAFit = OpportunityId.generate();
        OpportunityId good = OpportunityId.generate();
        feed(events.invited(notInterested, "Acme", Interest.NOT_INTERESTED, null),
                events.attended(notInterested, 1, day(2), Fit.GOOD, List.of(), List.of()),
                events.invited(notAFit, "Beta", Interest.INTERESTED, null),
                events.attended(notAFit, 1, day(2), Fit.NOT_A_FIT, List.of(), List.of()),
                events.invited(good, "Gamma", Interest.INTERESTED, null),
                events.attended(good, 1, day(2), Fit.GOOD, List.of(), List.of()));

        assertThat(lessons().practiceInterviews()).extracting(LessonsView.PracticeInterview::company)
                .containsExactly("Acme", "Beta");
    }

    @Test
    void redFlags_holdCompanySignalsKnownUpFront_andRedFlagLessons() {
        OpportunityId id = OpportunityId.generate();
        feed(events.invited(id, "Acme", Interest.UNSURE, null, CompanySignal.MERGER),
                events.lesson(id, LessonCategory.RED_FLAG, "The team lead left last week", day(3)),
                events.lesson(id, LessonCategory.RESUME_CLARITY, "Explain the gap in 2021", day(3)));

        assertThat(lessons().redFlags()).extracting(LessonsView.Note::text)
                .containsExactly("MERGER", "The team lead left last week");
        assertThat(lessons().resumeClarifications()).extracting(LessonsView.Note::company).containsExactly("Acme");
    }

    @Test
    void applyingTheSameEventTwice_leavesTheViewUnchanged() {
        OpportunityId id = OpportunityId.generate();
        OpportunityEvent attended = events.attended(id, 1, day(2), Fit.GOOD, List.of(), List.of("Why us?"));
        feed(events.invited(id, "Acme", Interest.INTERESTED, null), attended);
        List<Document> before = database.getCollection(LessonsProjection.LESSONS).find().into(new ArrayList<>());

        projection.on(attended, 1, Instant.now());

        assertThat(database.getCollection(LessonsProjection.LESSONS).find().into(new ArrayList<>())).isEqualTo(before);
        assertThat(lessons().questions().get(0).count).isEqualTo(1);
    }
}
