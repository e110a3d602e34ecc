package io.candor.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import io.candor.events.ContactRole;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.InterviewerRole;
import io.candor.events.LessonCategory;
import io.candor.events.OpportunityId;
import io.candor.events.Person;
import io.candor.infrastructure.embedded.EmbeddedMongo;
import io.candor.query.support.Events;
import io.candor.query.support.ViewDocumentCache;
import io.candor.query.support.ViewLayouts;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.candor.query.support.Events.day;
import static io.candor.query.support.Events.interviewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReplayTest extends QuerySideSpringTest {

    private static final List<String> COLLECTIONS = List.of("pipeline_opportunities", "candidates",
            "pipeline_by_candidate", "contacts_by_candidate", "lessons_by_candidate", "timeline_pages",
            "view_positions");

    /** What the query side's database holds that is not a view: the events, their counter, the personal data keys. */
    private static final List<String> RECORDS = List.of("events", "event_counters", "candidate_keys");

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private MongoDatabase candorDatabase;
    @Autowired
    private ViewLayouts layouts;
    @Autowired
    private org.axonframework.config.Configuration axon;

    @Test
    void everyCollectionTheViewsWrite_isKeptInTheEmbeddedServersViewsFile() {
        Events events = Events.forNewCandidate();
        OpportunityId acme = OpportunityId.generate();
        append(events.registered("Casey"));
        append(events.invited(acme, "Acme", Interest.UNSURE, new Person("Rita", "rita@example.com")));
        append(events.attended(acme, 1, day(2), Fit.GOOD, List.of(interviewer("Hana", InterviewerRole.HIRING_MANAGER)),
                List.of("Why Acme?")));
        awaitViews(append(events.lesson(acme, LessonCategory.RED_FLAG, "High turnover", day(3))));

        List<String> written = new ArrayList<>();
        candorDatabase.listCollectionNames().into(written);
        written.removeAll(RECORDS);

        // Else a new view's pages land in the events' file, and every command's commit writes them again.
        assertThat(written).isNotEmpty().isSubsetOf(EmbeddedMongo.viewCollections());
    }

    @Test
    void resettingEveryProcessor_rebuildsViewsEqualToBefore() {
        Events events = Events.forNewCandidate();
        OpportunityId acme = OpportunityId.generate();
        OpportunityId beta = OpportunityId.generate();
        append(events.registered("Casey"));
        append(events.invited(acme, "Acme", Interest.UNSURE, new Person("Rita", "rita@example.com")));
        append(events.met(acme, "Rob Recruiter", ContactRole.RECRUITER, day(1)));
        append(events.scheduled(acme, 1, day(2)));
        append(events.attended(acme, 1, day(2), Fit.GOOD, List.of(interviewer("Hana", InterviewerRole.HIRING_MANAGER)),
                List.of("Why Acme?")));
        append(events.lesson(acme, LessonCategory.RED_FLAG, "High turnover", day(3)));
        String lastOfAcme = append(events.offered(acme, day(4)));
        append(events.invited(beta, "Beta", Interest.NOT_INTERESTED, null));
        String lastOfBeta = append(events.declined(beta, day(1), new Person("Pat", "pat@example.com")));
        awaitViews(lastOfAcme);
        awaitViews(lastOfBeta);
        Map<String, List<Document>> before = snapshot();

        for (String view : VIEWS) {
            TrackingEventProcessor processor = processing.eventProcessor(view, TrackingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> VIEWS.stream()
                .map(view -> processing.eventProcessor(view, TrackingEventProcessor.class).orElseThrow())
                .noneMatch(TrackingEventProcessor::isReplaying));
        awaitViews(lastOfAcme);
        awaitViews(lastOfBeta);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aViewStoredInAnOlderLayout_isRebuiltBeforeItsProcessorStarts() {
        Events events = Events.forNewCandidate();
        OpportunityId acme = OpportunityId.generate();
        append(events.registered("Robin"));
        String last = append(events.invited(acme, "Acme", Interest.INTERESTED, null));
        awaitViews(last);
        Map<String, List<Document>> before = snapshot();
        TrackingEventProcessor pipeline = processing.eventProcessor("pipeline", TrackingEventProcessor.class).orElseThrow();
        pipeline.shutDown();
        candorDatabase.getCollection(ViewLayouts.COLLECTION).deleteOne(new Document("_id", "pipeline"));
        candorDatabase.getCollection("pipeline_by_candidate").deleteMany(new Document());

        layouts.rebuildOutdated(axon);

        assertThat(candorDatabase.getCollection("pipeline_opportunities").countDocuments())
                .as("the outdated view was reset").isZero();
        assertThat(layouts.stored("pipeline")).isEqualTo(ViewLayouts.CURRENT.get("pipeline"));
        pipeline.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> !pipeline.isReplaying());
        awaitViews(last);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aTimelineStoredInLayout2_isRebuiltInPages_andItsCollectionsOfThatLayoutAreDropped() {
        Events events = Events.forNewCandidate();
        append(events.registered("Alex"));
        String last = append(events.invited(OpportunityId.generate(), "Acme", Interest.INTERESTED, null));
        awaitViews(last);
        Map<String, List<Document>> before = snapshot();
        TrackingEventProcessor timeline = processing.eventProcessor("timeline", TrackingEventProcessor.class).orElseThrow();
        timeline.shutDown();
        candorDatabase.getCollection(ViewLayouts.COLLECTION).replaceOne(new Document("_id", "timeline"),
                new Document("layout", 2));
        candorDatabase.getCollection("timeline_entries").insertOne(new Document("_id", "an entry of layout 2"));
        candorDatabase.getCollection("timeline_by_candidate").insertOne(new Document("_id", "a list of layout 2"));

        layouts.rebuildOutdated(axon);

        assertThat(candorDatabase.listCollectionNames().into(new ArrayList<>()))
                .doesNotContain("timeline_entries", "timeline_by_candidate");
        assertThat(layouts.stored("timeline")).isEqualTo(ViewLayouts.CURRENT.get("timeline"));
        timeline.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> !timeline.isReplaying());
        awaitViews(last);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aViewStartingAfresh_catchesUpWithAPlainToken_notAReplayTokenCollectingEveryEvent() {
        Events events = Events.forNewCandidate();
        append(events.registered("Sam"));
        String last = null;
        for (int i = 0; i < 200; i++) {
            last = append(events.invited(OpportunityId.generate(), "Company " + i, Interest.INTERESTED, null));
        }
        awaitViews(last);
        TrackingEventProcessor lessons = processing.eventProcessor("lessons", TrackingEventProcessor.class).orElseThrow();
        lessons.shutDown();
        MongoCollection<Document> tokens = candorDatabase.getCollection("trackingtokens");
        tokens.deleteMany(new Document("processorName", "lessons"));

        lessons.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                lessons.processingStatus().values().stream().allMatch(status -> status.isCaughtUp())
                        && tokens.find(new Document("processorName", "lessons")).first() != null);

        Document token = tokens.find(new Document("processorName", "lessons")).first();
        assertThat(token.getString("tokenType"))
                .as("a replay token would remember the head, and the Mongo head token lists no event: "
                        + "every event caught up on would be merged into it")
                .doesNotContain("ReplayToken");
    }

    /** What the views say: each document without the version it was written with, which says by whom and when. */
    private Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> snapshot = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            List<Document> documents = candorDatabase.getCollection(collection).find()
                    .projection(Projections.exclude(ViewDocumentCache.VERSION)).into(new ArrayList<>());
            documents.sort(Comparator.comparing(document -> String.valueOf(document.get("_id"))));
            snapshot.put(collection, documents);
        }
        return snapshot;
    }
}
