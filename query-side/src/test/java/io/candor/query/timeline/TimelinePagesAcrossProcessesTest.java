package io.candor.query.timeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.candor.query.support.TestMongo;
import io.candor.query.support.ViewBatch;
import io.candor.query.support.ViewDocumentCache;
import io.candor.query.support.ViewPositions;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two query-side processes (two TimelinePages, each with its own cache) sharing the timeline's segment in turn,
 * as SegmentBalancer moves it. Process 1 closes a page (its open page shrinks below 4096 bytes), process 2 adds
 * entries to the small open page: written whole, it keeps the _v process 1 wrote. Process 1 then gets the segment
 * back and writes from its cached page, on condition of that _v: it matches, and process 2's entries are lost.
 */
class TimelinePagesAcrossProcessesTest {

    private final MongoDatabase database = TestMongo.freshDatabase();
    private final MongoCollection<Document> collection = database.getCollection(TimelineProjection.PAGES);
    private final ViewPositions positions = new ViewPositions(database);
    private final TimelinePages process1 = new TimelinePages(collection);
    private final TimelinePages process2 = new TimelinePages(collection);

    private void add(TimelinePages process, long sequence) {
        add(process, sequence, false);
    }

    private void add(TimelinePages process, long sequence, boolean erasure) {
        EventMessage<?> event = new GenericDomainEventMessage<>("Noted", "cand", sequence, "noted");
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(event));
        var result = unitOfWork.executeWithResult(() -> {
            ViewBatch batch = ViewBatch.of(TimelineProjection.VIEW, positions);
            TimelineEntry entry = new TimelineEntry();
            entry.candidateId = "cand";
            entry.aggregateId = "cand";
            entry.sequence = sequence;
            entry.type = "Noted";
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("note", "n".repeat(600)); // ~700 bytes an entry: 25 make a large page, 1 a small one
            entry.details = details;
            process.add(batch, "cand", "cand", sequence, entry, null);
            if (erasure) {
                process.removeDetails(batch, "cand", List.of("note"));
            }
            batch.flush();
            return null;
        });
        if (result.isExceptional()) {
            throw new RuntimeException("batch of " + sequence + " failed (retried from the store)", result.exceptionResult());
        }
    }

    @Test
    void entriesWrittenByAnotherProcessToASmallOpenPage_areNotOverwrittenByAStaleCachedPage() {
        for (long sequence = 0; sequence <= 25; sequence++) {
            add(process1, sequence); // 26th entry closes page 1: the open page is small again, cached by process 1
        }
        Document open = collection.find(Filters.eq("_id", "cand")).first();
        String versionOfProcess1 = open.getString(ViewDocumentCache.VERSION);
        assertThat(versionOfProcess1).as("written through process 1's cache").isNotNull();

        add(process2, 26); // the segment moved: process 2 reads the small page from the store, writes it whole
        add(process2, 27);

        try {
            add(process1, 28); // the segment is back: process 1 writes from its cached page
        } catch (RuntimeException failed) {
            add(process1, 28); // what Axon does: handled again, from the store
        }

        assertThat(new TimelinePages(collection).entriesOf("cand")).extracting(e -> e.sequence)
                .as("every entry, process 2's included").contains(26L, 27L, 28L);
    }

    /**
     * Process 1's cached open page is full; process 2 (the segment moved) closes it into page 1 and then erases the
     * candidate's notes from every page. Back with process 1, its next event closes its stale cached page: page 1 is
     * replaced, unconditionally, with the notes, before the open page's conditional update fails. The batch is
     * handled again from the store, which has page 1 closed already: nothing writes page 1 again.
     */
    @Test
    void aBatchWhoseConditionalWriteFails_leavesNoOtherPageWrittenFromItsStaleCopy() {
        for (long sequence = 0; sequence <= 24; sequence++) {
            add(process1, sequence); // 25 entries: the open page is full, cached by process 1
        }
        add(process2, 25); // closes page 1 (entries 0..24)
        add(process2, 26, true); // the candidate's personal data erased: page 1 and the open page
        assertThat(collection.find(Filters.eq("_id", "cand/1")).first().toJson()).doesNotContain("nnnnnnnn");

        try {
            add(process1, 27); // the segment is back with process 1
        } catch (RuntimeException failed) {
            add(process1, 27); // what Axon does: handled again, from the store
        }

        assertThat(collection.find(Filters.eq("_id", "cand/1")).first().toJson())
                .as("page 1 as the erasure left it").doesNotContain("nnnnnnnn");
    }
}
