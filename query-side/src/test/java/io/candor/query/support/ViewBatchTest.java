package io.candor.query.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ViewBatchTest {

    private final MongoDatabase database = TestMongo.freshDatabase();
    private final MongoCollection<Document> counters = database.getCollection("counters");
    private final ViewPositions positions = new ViewPositions(database);

    /** A handler counting events in one document, as a projection would, and noting what is stored meanwhile. */
    private final List<Long> storedWhileHandling = new ArrayList<>();
    private final MessageHandler<EventMessage<?>> countingHandler = message -> {
        ViewBatch batch = ViewBatch.of("counting", positions);
        Counter counter = batch.find(counters, "c", Counter.class);
        if (counter == null) {
            counter = new Counter();
        }
        counter.count++;
        batch.replace(counters, "c", counter);
        batch.applied("c", counter.count - 1);
        storedWhileHandling.add(counters.countDocuments() + positions.sequence("counting", "c") + 1);
        return null;
    };

    /** The stored shape of the test's view. */
    static class Counter {
        public int count;
    }

    @Test
    void aBatchOfEvents_isWrittenOnce_whenItsLastEventIsHandled() throws Exception {
        List<EventMessage<?>> events = IntStream.range(0, 5)
                .<EventMessage<?>>mapToObj(i -> GenericEventMessage.asEventMessage("event " + i)).toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);

        unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(new ViewBatchFlush()), countingHandler).proceed());

        assertThat(storedWhileHandling).as("nothing stored before the last event").containsOnly(0L);
        assertThat(counters.find().first()).containsEntry("count", 5);
        assertThat(positions.sequence("counting", "c")).isEqualTo(4);
    }

    @Test
    void aBatchWhoseEventWasParked_writesNothing_andFailsSoThatItIsHandledAgain() {
        List<EventMessage<?>> events = IntStream.range(0, 3)
                .<EventMessage<?>>mapToObj(i -> GenericEventMessage.asEventMessage("event " + i)).toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        MessageHandler<EventMessage<?>> parkingTheSecond = message -> {
            countingHandler.handle(message);
            if (message.getPayload().equals("event 1")) {
                ViewBatch.discardCurrent(); // what the dead-letter policy does when it parks the event
            }
            return null;
        };

        var result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(new ViewBatchFlush()), parkingTheSecond).proceed());

        assertThat(result.exceptionResult()).isInstanceOf(ViewBatchDiscardedException.class);
        assertThat(unitOfWork.isRolledBack()).isTrue();
        assertThat(storedWhileHandling).as("the batch stopped at the parked event").hasSize(2);
        assertThat(counters.countDocuments()).isZero();
        assertThat(positions.sequence("counting", "c")).isEqualTo(-1);
    }

    /** A view deriving a value from the rest of it, counting how often it did. */
    static class Doubling implements DerivedBeforeWrite {
        public int count;
        public int doubled;
        @com.fasterxml.jackson.annotation.JsonIgnore
        int derivations;

        @Override
        public void deriveBeforeWrite() {
            doubled = 2 * count;
            derivations++;
        }
    }

    @Test
    void aViewThatDerives_derivesOncePerBatch_fromWhatItsLastEventLeft() throws Exception {
        Doubling view = new Doubling();
        MessageHandler<EventMessage<?>> handler = message -> {
            view.count++;
            ViewBatch.of("doubling", positions).replace(counters, "d", view);
            return null;
        };
        List<EventMessage<?>> events = IntStream.range(0, 5)
                .<EventMessage<?>>mapToObj(i -> GenericEventMessage.asEventMessage("event " + i)).toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);

        unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(new ViewBatchFlush()), handler).proceed());

        assertThat(counters.find(Filters.eq("_id", "d")).first()).containsEntry("count", 5).containsEntry("doubled", 10);
        assertThat(view.derivations).isEqualTo(1);

        handler.handle(GenericEventMessage.asEventMessage("outside a unit of work")); // written at once: derived too
        assertThat(counters.find(Filters.eq("_id", "d")).first()).containsEntry("doubled", 12);
    }

    @Test
    void eachEvent_isWrittenAtOnce_outsideAUnitOfWork() throws Exception {
        countingHandler.handle(GenericEventMessage.asEventMessage("first"));
        countingHandler.handle(GenericEventMessage.asEventMessage("second"));

        assertThat(storedWhileHandling).containsExactly(2L, 3L);
        assertThat(counters.find().first()).containsEntry("count", 2);
    }

    @Test
    void aBatchNobodyFlushed_isWrittenWhenItsUnitOfWorkCommits() {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork =
                DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("no interceptor here"));

        unitOfWork.execute(() -> ViewBatch.of("counting", positions).replace(counters, "a", new Document("kept", true)));

        assertThat(counters.find().first()).containsEntry("kept", true);
    }

    @Test
    void aFlushInTheMiddle_letsAWriteOutsideTheBatchSeeWhatCameBefore() {
        List<EventMessage<?>> events = List.of(GenericEventMessage.asEventMessage("only"));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);

        unitOfWork.execute(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            batch.replace(counters, "a", new Document("kept", true));
            batch.flush();
            counters.updateMany(new Document(), new Document("$set", new Document("erased", true)));
        });

        assertThat(counters.find().first()).containsEntry("kept", true).containsEntry("erased", true);
    }

    @Test
    void aStoredDocument_isWrittenBackAsWhatChangedInIt() {
        counters.insertOne(new Document("_id", "c").append("count", 1)
                .append("events", new ArrayList<>(List.of("first")))
                .append("padding", "x".repeat(ViewBatch.UPDATE_FROM_BYTES))); // large enough to be updated
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(eventOf("c")));

        unitOfWork.execute(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            Document counter = batch.find(counters, "c");
            counter.put("count", 2);
            counter.getList("events", String.class).add("second");
            batch.replace(counters, "c", counter);
            // Someone else's field, written after the batch read the document: a replacement would wipe it out
            counters.updateOne(Filters.eq("_id", "c"), Updates.set("elsewhere", true));
            batch.flush();
        });

        assertThat(counters.find().first()).containsEntry("count", 2).containsEntry("elsewhere", true)
                .containsEntry("events", List.of("first", "second"));
    }

    @Test
    void aSmallStoredDocument_isWrittenBackWhole() {
        counters.insertOne(new Document("_id", "c").append("count", 1));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(eventOf("c")));

        unitOfWork.execute(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            batch.replace(counters, "c", batch.find(counters, "c").append("count", 2));
            counters.updateOne(Filters.eq("_id", "c"), Updates.set("elsewhere", true));
            batch.flush();
        });

        assertThat(counters.find().first()).containsEntry("count", 2).doesNotContainKey("elsewhere");
    }

    @Test
    void aDocumentGoneBeforeItsUpdate_failsTheBatch() {
        counters.insertOne(new Document("_id", "c").append("count", 1)
                .append("padding", "x".repeat(ViewBatch.UPDATE_FROM_BYTES)));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(eventOf("c")));

        var result = unitOfWork.executeWithResult(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            Document counter = batch.find(counters, "c");
            batch.replace(counters, "c", counter.append("count", 2));
            counters.deleteOne(Filters.eq("_id", "c"));
            batch.flush();
            return null;
        });

        assertThat(result.exceptionResult()).isInstanceOf(IllegalStateException.class).hasMessageContaining("gone");
        assertThat(counters.countDocuments()).as("not written again half-way").isZero();
    }

    @Test
    void documentsOfACollection_areWrittenInTheOrderTheyWereLastReplaced() {
        counters.createIndex(Indexes.ascending("slot"), new IndexOptions().unique(true));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(eventOf("a")));

        var result = unitOfWork.executeWithResult(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            batch.replace(counters, "a", new Document("slot", 1));
            batch.replace(counters, "b", new Document("slot", 1)); // the same slot: the later of the two cannot be written
            batch.replace(counters, "a", new Document("slot", 1).append("again", true));
            batch.flush();
            return null;
        });

        assertThat(result.isExceptional()).as("the second write of the slot failed").isTrue();
        assertThat(counters.find().into(new ArrayList<>())).extracting(document -> document.getString("_id"))
                .as("b first, a (replaced again) after it").containsExactly("b");
    }

    @Test
    void newDocumentsAndChangedOnesAlternating_areWrittenInOneCommandOfEachKind() {
        List<String> updates = new ArrayList<>();
        MongoCollection<Document> watched = TestMongo.freshDatabaseWatchedBy(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("update")) {
                    updates.add(event.getCommand().getString("update").getValue());
                }
            }
        }).getCollection("counters");
        for (int i = 1; i <= 3; i++) {
            watched.insertOne(new Document("_id", "stored" + i).append("count", i)
                    .append("padding", "x".repeat(ViewBatch.UPDATE_FROM_BYTES))); // large enough to be updated
        }
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(eventOf("stored1")));

        unitOfWork.execute(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            for (int i = 1; i <= 3; i++) {
                batch.replace(watched, "new" + i, new Document("count", 10 * i));
                batch.replace(watched, "stored" + i, batch.find(watched, "stored" + i).append("count", 10 * i + 1));
            }
            updates.clear();
            batch.flush();
        });

        assertThat(updates).as("one command of whole documents, one of changes, not one for each of the six")
                .containsExactly("counters", "counters");
        assertThat(watched.find().into(new ArrayList<>())).extracting(document -> document.getString("_id"),
                        document -> document.getInteger("count"))
                .containsExactlyInAnyOrder(tuple("stored1", 11), tuple("stored2", 21), tuple("stored3", 31),
                        tuple("new1", 10), tuple("new2", 20), tuple("new3", 30));
    }

    /** A write of document {@code id} in a planned bulk write: whole or changes, on condition of {@code version}. */
    private static ViewBatch.Write write(String id, boolean whole, String version) {
        Document filter = new Document("_id", id);
        return new ViewBatch.Write(whole ? new ReplaceOneModel<>(filter, new RawBsonDocument(new byte[] {5, 0, 0, 0, 0}))
                : new UpdateOneModel<>(filter, Updates.set("x", 1)), id, version);
    }

    @Test
    void writesOfTwoKinds_goWholesFirst_onlyWhereThatTakesFewerRoundTrips() {
        List<ViewBatch.Write> alternating = List.of(write("new1", true, null), write("old1", false, "v1"),
                write("new2", true, null), write("old2", false, "v2"));
        List<ViewBatch.Write> conditionalFirst = List.of(write("old1", false, "v1"), write("new1", true, null));

        assertThat(ViewBatch.Write.fewestRoundTrips(alternating)).extracting(ViewBatch.Write::id)
                .as("two commands and a check of versions, rather than four commands and the check")
                .containsExactly("new1", "new2", "old1", "old2");
        assertThat(ViewBatch.Write.versionsToCheckFirst(ViewBatch.Write.fewestRoundTrips(alternating)))
                .containsOnlyKeys("old1", "old2");
        assertThat(ViewBatch.Write.fewestRoundTrips(conditionalFirst)).extracting(ViewBatch.Write::id)
                .as("two commands as planned, rather than two and a check of the version").containsExactly("old1", "new1");
        assertThat(ViewBatch.Write.versionsToCheckFirst(conditionalFirst)).isEmpty();
    }

    @Test
    void aReorderThatSavesACommandButNeedsACheckOfVersions_isNotMade() {
        // as planned: three commands, no check (old2 is on no condition); wholes first: two commands and a check of old1
        List<ViewBatch.Write> planned = List.of(write("old1", false, "v1"), write("new1", true, null),
                write("old2", false, null));

        assertThat(ViewBatch.Write.fewestRoundTrips(planned)).extracting(ViewBatch.Write::id)
                .containsExactly("old1", "new1", "old2");
    }

    /** A large view document, read and written through a cache. */
    static class Large extends Counter {
        public String padding = "x".repeat(ViewBatch.UPDATE_FROM_BYTES);
    }

    private final ViewDocumentCache cache = new ViewDocumentCache(1 << 20);

    /** One batch of one event of {@code c}: counts one more in the large document, through the cache. */
    private Optional<Throwable> countThroughTheCache(boolean failBeforeTheEnd) {
        return countThroughTheCache(Large.class, failBeforeTheEnd);
    }

    /** The same in a small document. */
    private Optional<Throwable> countSmallThroughTheCache() {
        return countThroughTheCache(Counter.class, false);
    }

    private Optional<Throwable> countThroughTheCache(Class<? extends Counter> shape, boolean failBeforeTheEnd) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(eventOf("c")));
        var result = unitOfWork.executeWithResult(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            Counter counter = batch.find(counters, "c", shape, cache);
            counter = counter == null ? shape.getDeclaredConstructor().newInstance() : counter;
            counter.count++;
            batch.replace(counters, "c", counter);
            if (failBeforeTheEnd) {
                throw new IllegalStateException("a later handler failed");
            }
            batch.flush();
            return null;
        });
        return result.isExceptional() ? Optional.of(result.exceptionResult()) : Optional.empty();
    }

    private void storeLarge(int count, String version) {
        counters.insertOne(new Document("_id", "c").append("count", count).append("padding",
                "x".repeat(ViewBatch.UPDATE_FROM_BYTES)).append(ViewDocumentCache.VERSION, version));
    }

    @Test
    void aLargeDocumentWrittenThroughACache_isReadFromTheCacheNextTime_andWrittenOnConditionOfItsVersion() {
        storeLarge(1, "v1");

        assertThat(countThroughTheCache(false)).isEmpty();
        String version = counters.find().first().getString(ViewDocumentCache.VERSION);
        // A write that keeps the version: not one of a view's, which the cache cannot see
        counters.updateOne(Filters.eq("_id", "c"), Updates.set("count", 100));
        assertThat(countThroughTheCache(false)).isEmpty();

        Document stored = counters.find().first();
        assertThat(version).as("a new version for each write").isNotEqualTo("v1");
        assertThat(stored.getInteger("count")).as("counted on from the cached 2, not the stored 100").isEqualTo(3);
        assertThat(stored.getString(ViewDocumentCache.VERSION)).isNotEqualTo(version);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aDocumentWrittenOftenThroughACache_isCountedAtMostTwiceItsSize_notWithEverythingSentSince() {
        storeLarge(1, "v1");

        for (int i = 0; i < 200; i++) {
            assertThat(countThroughTheCache(false)).isEmpty();
        }

        int stored = counters.withDocumentClass(org.bson.RawBsonDocument.class).find().first().getByteBuffer()
                .remaining();
        assertThat(cache.size()).isEqualTo(1);
        // each write sent some 70 bytes: counted on, 200 of them would be more than three times the document
        assertThat(cache.bytes()).isBetween((long) stored, 2L * stored);
    }

    @Test
    void aDocumentAnotherProcessWroteSinceItWasCached_failsTheBatch_andIsReadAgainFromTheStore() {
        storeLarge(1, "v1");
        assertThat(countThroughTheCache(false)).isEmpty();
        // Another process handled the candidate's segment meanwhile, and wrote its own version
        counters.updateOne(Filters.eq("_id", "c"), Updates.combine(Updates.set("count", 100),
                Updates.set(ViewDocumentCache.VERSION, "theirs")));

        assertThat(countThroughTheCache(false)).get(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another process");
        assertThat(counters.find().first()).as("not overwritten").containsEntry("count", 100);
        assertThat(countThroughTheCache(false)).isEmpty();

        assertThat(counters.find().first()).as("handled again from what is stored").containsEntry("count", 101);
    }

    @Test
    void aSmallDocumentWrittenThroughACache_isReadFromTheCacheNextTime_andWrittenWholeOnConditionOfItsVersion() {
        assertThat(countSmallThroughTheCache()).isEmpty();
        // A write that keeps the version: not one of a view's, which the cache cannot see
        counters.updateOne(Filters.eq("_id", "c"), Updates.set("count", 100));
        assertThat(countSmallThroughTheCache()).isEmpty();
        assertThat(counters.find().first()).as("counted on from the cached 1, not the stored 100")
                .containsEntry("count", 2);

        // Another process handled the candidate's segment meanwhile, and wrote its own version
        counters.updateOne(Filters.eq("_id", "c"), Updates.combine(Updates.set("count", 100),
                Updates.set(ViewDocumentCache.VERSION, "theirs")));
        assertThat(countSmallThroughTheCache()).get(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another process");
        assertThat(counters.find().first()).as("not overwritten").containsEntry("count", 100);
        assertThat(countSmallThroughTheCache()).isEmpty();

        assertThat(counters.find().first()).as("handled again from what is stored").containsEntry("count", 101);
    }

    @Test
    void aSmallDocumentReadFromTheStoreWithAVersion_isWrittenOnConditionOfIt() {
        counters.insertOne(new Document("_id", "c").append("count", 1).append(ViewDocumentCache.VERSION, "v1"));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(eventOf("c")));

        var result = unitOfWork.executeWithResult(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            Counter counter = batch.find(counters, "c", Counter.class, cache); // not cached here: read from the store
            counter.count++;
            batch.replace(counters, "c", counter);
            // Another process, which holds the candidate's segment now, writes it meanwhile
            counters.updateOne(Filters.eq("_id", "c"), Updates.combine(Updates.set("count", 100),
                    Updates.set(ViewDocumentCache.VERSION, "theirs")));
            batch.flush();
            return null;
        });

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).hasMessageContaining("another process");
        assertThat(counters.find().first()).as("not overwritten").containsEntry("count", 100);
    }

    @Test
    void aDocumentWrittenThroughACachedCollection_isKeptOnlyIfItIsOneOfTheBatchsKeys() {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(eventOf("c")));
        unitOfWork.executeWithResult(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            assertThat(batch.find(counters, "c", Counter.class, cache)).isNull();
            batch.replace(counters, "c", new Counter());
            batch.replace(counters, "c/page-1", new Counter()); // as a timeline's closed page: read by no batch
            batch.flush();
            return null;
        });

        assertThat(counters.countDocuments()).isEqualTo(2);
        assertThat(cache.holds("c")).isTrue();
        assertThat(cache.holds("c/page-1")).isFalse();
    }

    /**
     * Planned: c (stale, conditional update), n (new, whole), d (conditional update). Sent wholes first, n goes before
     * c, so c's version must be checked before anything is written: a batch working from a stale copy writes nothing.
     */
    @Test
    void aStaleCachedDocumentPlannedBeforeANewOne_isCheckedFirst_whenTheNewOneIsSentBeforeIt() {
        for (String id : List.of("c", "d")) {
            counters.insertOne(new Document("_id", id).append("count", 1).append("padding",
                    "x".repeat(ViewBatch.UPDATE_FROM_BYTES)).append(ViewDocumentCache.VERSION, "v1"));
        }
        BatchingUnitOfWork<EventMessage<?>> first = new BatchingUnitOfWork<>(List.of(eventOf("c"), eventOf("d")));
        first.execute(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            for (String id : List.of("c", "d")) {
                Large large = batch.find(counters, id, Large.class, cache);
                large.count++;
                batch.replace(counters, id, large);
            }
            batch.flush();
        });
        assertThat(cache.size()).isEqualTo(2);
        Document dBefore = counters.find(Filters.eq("_id", "d")).first();
        // Another process wrote c since: this process's cached copy of it is stale
        counters.updateOne(Filters.eq("_id", "c"), Updates.combine(Updates.set("count", 100),
                Updates.set(ViewDocumentCache.VERSION, "theirs")));

        BatchingUnitOfWork<EventMessage<?>> second = new BatchingUnitOfWork<>(List.of(eventOf("c"), eventOf("d")));
        var result = second.executeWithResult(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            Large c = batch.find(counters, "c", Large.class, cache);
            c.count++;
            batch.replace(counters, "c", c);
            batch.replace(counters, "n", new Document("count", c.count)); // derived from the stale copy
            Large d = batch.find(counters, "d", Large.class, cache);
            d.count++;
            batch.replace(counters, "d", d);
            batch.flush();
            return null;
        });

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).hasMessageContaining("another process");
        assertThat(counters.find(Filters.eq("_id", "n")).first()).as("nothing written from the stale copy").isNull();
        assertThat(counters.find(Filters.eq("_id", "d")).first()).as("d not written either").isEqualTo(dBefore);
    }

    /** One batch of one event of {@code c}: counts one more in the large document, and notes it, as a document. */
    private void countDocumentThroughTheCache() {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(eventOf("c")));
        unitOfWork.execute(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            Document large = batch.find(counters, "c", cache);
            large.put("count", large.getInteger("count") + 1);
            large.getList("counted", Integer.class).add(large.getInteger("count"));
            batch.replace(counters, "c", large);
            batch.flush();
        });
    }

    @Test
    void aLargeDocumentThroughACache_isTheBatchsOwnCopy_comparedWithWhatWasWritten() {
        counters.insertOne(new Document("_id", "c").append("count", 1).append("counted", new ArrayList<>(List.of(1)))
                .append("padding", "x".repeat(ViewBatch.UPDATE_FROM_BYTES)).append(ViewDocumentCache.VERSION, "v1"));

        countDocumentThroughTheCache();
        counters.updateOne(Filters.eq("_id", "c"), Updates.set("count", 100)); // keeps the version: not seen
        countDocumentThroughTheCache();
        countDocumentThroughTheCache();

        Document stored = counters.find().first();
        assertThat(stored.getInteger("count")).as("counted on from what this process wrote").isEqualTo(4);
        assertThat(stored.getList("counted", Integer.class)).as("each batch's change sent once, from its own copy")
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void aDocumentWrittenAgainAfterAFlushInTheMiddle_isNotLeftInTheCacheAsItWasAtTheFlush() {
        storeLarge(1, "v1");
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(eventOf("c")));
        unitOfWork.execute(() -> {
            ViewBatch batch = ViewBatch.of("counting", positions);
            Large large = batch.find(counters, "c", Large.class, cache);
            large.count++;
            batch.replace(counters, "c", large);
            batch.flush(); // as a projection does before a write the batch cannot hold
            large.count++; // the same object, which the cache was given at the flush
            batch.replace(counters, "c", large);
            batch.flush();
        });

        assertThat(countThroughTheCache(false)).as("no stale copy met on the way").isEmpty();

        assertThat(counters.find().first()).containsEntry("count", 4);
    }

    @Test
    void aBatchThatFails_givesNothingItChangedBackToTheCache() {
        storeLarge(1, "v1");
        assertThat(countThroughTheCache(false)).isEmpty();
        assertThat(cache.size()).isEqualTo(1);

        assertThat(countThroughTheCache(true)).isPresent();
        assertThat(cache.size()).as("the changed object is dropped, not kept").isZero();
        assertThat(countThroughTheCache(false)).isEmpty();

        assertThat(counters.find().first()).as("counted from the stored 2, not from the failed batch's 3")
                .containsEntry("count", 3);
    }

    private static EventMessage<?> eventOf(String aggregateId) {
        return new GenericDomainEventMessage<>("Counted", aggregateId, 0, "counted");
    }
}
