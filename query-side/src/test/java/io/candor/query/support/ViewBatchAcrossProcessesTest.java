package io.candor.query.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two query-side processes, each with its own cache of a view's documents, handling a candidate's segment in turn
 * (as segments move between processes), and a cache that lets a document go while a batch is under way.
 */
class ViewBatchAcrossProcessesTest {

    private final MongoDatabase database = TestMongo.freshDatabase();
    private final MongoCollection<Document> counters = database.getCollection("counters");
    private final ViewPositions positions = new ViewPositions(database);
    private final ViewDocumentCache process1 = new ViewDocumentCache(1 << 20);
    private final ViewDocumentCache process2 = new ViewDocumentCache(1 << 20);

    /** One batch of one event of c, in the process of {@code cache}; false if it failed (Axon handles it again). */
    private boolean batch(ViewDocumentCache cache, Consumer<Document> change) {
        EventMessage<?> event = new GenericDomainEventMessage<>("Counted", "c", 0, "counted");
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(event));
        var result = unitOfWork.executeWithResult(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            Document document = batch.find(counters, "c", cache);
            change.accept(document);
            batch.replace(counters, "c", document);
            batch.flush();
            return null;
        });
        return !result.isExceptional();
    }

    /**
     * A large document stored without a version (as every one written before versions) and written back unchanged is
     * not kept with no version: the next write from it would be on no condition.
     */
    @Test
    void aDocumentWithoutVersion_isStillWrittenOnlyIfNoOtherProcessWroteIt() {
        counters.insertOne(new Document("_id", "c").append("count", 1).append("padding", "x".repeat(5000)));

        assertThat(batch(process1, document -> { })).isTrue();
        assertThat(batch(process2, document -> document.put("count", 100))).isTrue(); // the segment moved
        boolean firstTry = batch(process1, document -> document.put("count", document.getInteger("count") + 1));
        if (!firstTry) {
            assertThat(batch(process1, document -> document.put("count", document.getInteger("count") + 1))).isTrue();
        }

        assertThat(counters.find().first().getInteger("count")).as("counted on from process 2's 100").isEqualTo(101);
    }

    /** Covers a key the cache held at the batch's fetch of the others, let go of before the batch takes it. */
    @Test
    void aDocumentLetGoBetweenTheBatchsFetchAndItsTake_isReadFromTheStore_notTakenForANewOne() {
        batchOf(List.of("b"), () -> { }); // b: 1, new: not kept
        batchOf(List.of("b"), () -> { }); // b: 2, read large from the store: kept
        assertThat(process1.holds("b")).isTrue();

        // a's find fetches the batch's keys but b (held); then another candidate fills the cache, and b goes
        batchOf(List.of("a", "b"), () -> process1.put("other", new ViewDocumentCache.Entry(new Object(), new Document(),
                "v", 1 << 20, 1 << 20, null)));

        assertThat(counters.find(new Document("_id", "b")).first().getInteger("count")).isEqualTo(3);
    }

    private void batchOf(List<String> keys, Runnable between) {
        List<EventMessage<?>> events = keys.stream()
                .<EventMessage<?>>map(key -> new GenericDomainEventMessage<>("Counted", key, 0, "counted")).toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        var result = unitOfWork.executeWithResult(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            String key = ((GenericDomainEventMessage<?>) unitOfWork.getMessage()).getAggregateIdentifier();
            Document document = batch.find(counters, key, process1);
            if (document == null) {
                document = new Document("count", 0).append("padding", "x".repeat(5000));
            }
            document.put("count", document.getInteger("count") + 1);
            batch.replace(counters, key, document);
            between.run();
            if (unitOfWork.isLastMessage()) {
                batch.flush();
            }
            return null;
        });
        assertThat(result.isExceptional()).as("%s", result.isExceptional() ? result.exceptionResult() : "").isFalse();
    }
}
