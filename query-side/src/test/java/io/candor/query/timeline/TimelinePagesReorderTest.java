package io.candor.query.timeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.candor.query.support.TestMongo;
import io.candor.query.support.ViewBatch;
import io.candor.query.support.ViewPositions;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One batch of three candidates, planned [B's open page (large: an update), C's open page (new: whole), A's closed
 * page 1 (new: whole), A's open page (large: an update)], which ViewBatch sends wholes first. A's closed page cannot
 * be written (a unique index its entries collide with while A's open page still holds them): the bulk write stops
 * there, and no open page may list a closed page that is not stored.
 */
class TimelinePagesReorderTest {

    private final MongoDatabase database = TestMongo.freshDatabase();
    private final MongoCollection<Document> collection = database.getCollection(TimelineProjection.PAGES);
    private final ViewPositions positions = new ViewPositions(database);
    private final TimelinePages pages = new TimelinePages(collection);

    private static TimelineEntry entry(String candidate, long sequence) {
        TimelineEntry entry = new TimelineEntry();
        entry.candidateId = candidate;
        entry.aggregateId = candidate;
        entry.sequence = sequence;
        entry.type = "Noted";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("note", candidate + "-" + sequence + "-" + "n".repeat(600));
        entry.details = details;
        return entry;
    }

    private Throwable batch(List<String> candidates, Map<String, Long> sequences) {
        List<EventMessage<?>> events = new ArrayList<>();
        candidates.forEach(c -> events.add(new GenericDomainEventMessage<>("Noted", c, sequences.get(c), "noted")));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        var result = unitOfWork.executeWithResult(() -> {
            EventMessage<?> event = unitOfWork.getMessage();
            String candidate = ((GenericDomainEventMessage<?>) event).getAggregateIdentifier();
            long sequence = ((GenericDomainEventMessage<?>) event).getSequenceNumber();
            ViewBatch batch = ViewBatch.of(TimelineProjection.VIEW, positions);
            pages.add(batch, candidate, candidate, sequence, entry(candidate, sequence), null);
            if (event == events.get(events.size() - 1)) {
                batch.flush();
            }
            return null;
        });
        return result.isExceptional() ? result.exceptionResult() : null;
    }

    private void assertEveryListedClosedPageIsStored() {
        for (Document open : collection.find(Filters.not(Filters.regex("_id", "/")))) {
            for (int n = 1; n <= open.getInteger("closedPages", 0); n++) {
                String id = TimelinePages.closedPageId(open.getString("_id"), n);
                assertThat(collection.find(Filters.eq("_id", id)).first()).as(id + " listed by its open page").isNotNull();
            }
        }
    }

    @Test
    void aClosedPageThatCannotBeWritten_leavesNoOpenPageListingIt_thoughTheBatchIsSentWholesFirst() {
        for (long s = 0; s < TimelinePages.PAGE_ENTRIES; s++) {
            assertThat(batch(List.of("A"), Map.of("A", s))).isNull(); // A's open page: full, large, cached
        }
        for (long s = 0; s < 10; s++) {
            assertThat(batch(List.of("B"), Map.of("B", s))).isNull(); // B's: large, cached
        }
        // A closed page 1 holding A's entries collides with A's open page as stored until that is written
        collection.createIndex(Indexes.ascending("entries.details.note"), new IndexOptions().unique(true));

        Throwable failed = batch(List.of("B", "C", "A"), Map.of("B", 10L, "C", 0L, "A", (long) TimelinePages.PAGE_ENTRIES));

        assertThat(failed).as("A's closed page could not be written").isNotNull();
        assertThat(pages.entriesOf("C")).as("sent wholes first: C's new page before A's closed page").hasSize(1);
        assertThat(pages.entriesOf("B")).as("sent wholes first: B's update after the failure, not written").hasSize(10);
        assertEveryListedClosedPageIsStored();
        assertThat(pages.entriesOf("A")).as("every entry of A readable").hasSize(TimelinePages.PAGE_ENTRIES);
    }
}
