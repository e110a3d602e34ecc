package io.candor.infrastructure.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.candor.infrastructure.CandorSerialization;
import io.candor.infrastructure.embedded.EmbeddedMongo;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The indexed event store against the embedded server over a real socket: aggregates read back whole and in order,
 * concurrent appends of one sequence refused without a trace, the stream followed with gap-aware tokens (late
 * writers, dead writers, long runs of unwritten positions), and a store of Axon's own Mongo engine moved in.
 */
class IndexedEventStorageEngineTest {

    private static final Serializer serializer = CandorSerialization.serializer();
    private static final int BATCH = 50;

    private EmbeddedMongo mongo;
    private MongoClient client;
    private MongoDatabase database;
    private MutableClock clock;
    private IndexedEventStorageEngine engine;

    @BeforeEach
    void store() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.connectionString());
        database = client.getDatabase("candor");
        clock = new MutableClock(Instant.now());
        engine = engine();
        engine.ensureIndexes();
    }

    @AfterEach
    void close() {
        client.close();
        mongo.close();
    }

    /** An engine of this store, as another process would have one, reusing a read of the head for {@code time}. */
    private IndexedEventStorageEngine engineReusingTheHead(Duration time) {
        return IndexedEventStorageEngine.builder().database(database).collection("events")
                .eventSerializer(serializer).snapshotSerializer(serializer).batchSize(BATCH)
                .headReuse(time).clock(clock).build();
    }

    private IndexedEventStorageEngine engine() {
        return IndexedEventStorageEngine.builder().database(database).collection("events")
                .eventSerializer(serializer).snapshotSerializer(serializer).batchSize(BATCH)
                .gapTimeout(Duration.ofSeconds(60)).clock(clock).build();
    }

    @Test
    void anAggregateOfManyPages_isReadBackWholeAndInOrder() {
        String id = UUID.randomUUID().toString();
        for (int sequence = 0; sequence < 250; sequence++) {
            engine.appendEvents(event(id, sequence));
        }

        List<Long> sequences = engine.readEvents(id).asStream().map(DomainEventMessage::getSequenceNumber).toList();

        assertThat(sequences).hasSize(250);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(i);
        }
        assertThat(engine.lastSequenceNumberFor(id)).contains(249L);
        assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
    }

    @Test
    void theSecondWriterOfASequence_getsAConcurrencyException_andLeavesNothingBehind() {
        String id = UUID.randomUUID().toString();
        engine.appendEvents(event(id, 0), event(id, 1));

        assertThatThrownBy(() -> engine.appendEvents(event(id, 1), event(id, 2)))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine.appendEvents(event(id, 2), event(id, 1)))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(engine.readEvents(id).asStream().count()).isEqualTo(2);
        assertThat(database.getCollection("events").countDocuments()).isEqualTo(2);
        assertThat(trackAll()).hasSize(2);
    }

    @Test
    void followingTheStream_deliversEveryEventOnce_inTheOrderPositionsWereTaken() {
        List<String> appended = new ArrayList<>();
        for (int i = 0; i < 3 * BATCH + 7; i++) {
            DomainEventMessage<?> event = event(UUID.randomUUID().toString(), 0);
            engine.appendEvents(event);
            appended.add(event.getIdentifier());
        }

        List<TrackedEventMessage<?>> tracked = trackAll();

        assertThat(tracked).extracting(TrackedEventMessage::getIdentifier).containsExactlyElementsOf(appended);
        assertThat(tracked.get(tracked.size() - 1).trackingToken().position()).hasValue(3 * BATCH + 6);
        assertThat(engine.createHeadToken()).isEqualTo(GapAwareTrackingToken.newInstance(3 * BATCH + 6, List.of()));
    }

    /**
     * A read of the head is reused while following the stream ({@code headReuse}): another process's append is not
     * seen until the read is stale, but one of this process's own is seen at once, since its take of a position
     * makes the last read stale. With an hour's reuse, so that no timing decides it.
     */
    @Test
    void aReusedHead_hidesNoAppendOfThisProcess_andAnotherProcessesOnlyForTheReuseTime() {
        IndexedEventStorageEngine reusing = engineReusingTheHead(Duration.ofHours(1));
        reusing.appendEvents(event("first", 0));
        List<TrackedEventMessage<?>> first = follow(reusing, reusing.createTailToken());
        assertThat(first).extracting(IndexedEventStorageEngineTest::aggregateOf).containsExactly("first");

        engine.appendEvents(event("another-process", 0));
        assertThat(follow(reusing, last(first).trackingToken())).as("within the reuse time").isEmpty();

        reusing.appendEvents(event("this-process", 0));
        assertThat(follow(reusing, last(first).trackingToken()))
                .extracting(IndexedEventStorageEngineTest::aggregateOf)
                .containsExactly("another-process", "this-process");
    }

    /** Past the reuse time, another process's append is seen: a read of the head does not answer for ever. */
    @Test
    void aReusedHead_isReadAgain_afterTheReuseTime() {
        IndexedEventStorageEngine reusing = engineReusingTheHead(Duration.ofMillis(20));
        reusing.appendEvents(event("first", 0));
        TrackingToken afterFirst = last(follow(reusing, reusing.createTailToken())).trackingToken();

        engine.appendEvents(event("another-process", 0));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<TrackedEventMessage<?>> seen = follow(reusing, afterFirst);
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            seen = follow(reusing, afterFirst);
        }
        assertThat(seen).extracting(IndexedEventStorageEngineTest::aggregateOf).containsExactly("another-process");
    }

    /**
     * A process that appends nothing (a query side alone) never reuses a read of the head: it follows another
     * process's appends only by polling, and each poll must see what is there.
     */
    @Test
    void aProcessThatNeverAppends_readsTheHeadAtEveryPoll() {
        IndexedEventStorageEngine reading = engineReusingTheHead(Duration.ofHours(1));
        engine.appendEvents(event("first", 0));
        List<TrackedEventMessage<?>> first = follow(reading, reading.createTailToken());

        engine.appendEvents(event("second", 0));

        assertThat(follow(reading, last(first).trackingToken()))
                .extracting(IndexedEventStorageEngineTest::aggregateOf).containsExactly("second");
    }

    /** A stored timestamp reads as the instant Axon's parser reads, in the form this store writes or any other. */
    @Test
    void storedTimestamps_readAsAxonsParserReadsThem() {
        for (String stored : List.of("2026-11-23T23:30:49.654Z", "2026-01-01T00:00:00.000Z", "1999-12-31T23:59:59Z",
                "2024-02-29T12:00:00.123456789Z", "2026-11-23T23:30:49.654+01:00", "2026-11-23T23:30:49.6Z",
                "2026-11-23t23:30:49.654z")) {
            Document document = new Document("type", "Test").append("aggregateIdentifier", "a")
                    .append("sequenceNumber", 0L).append("eventIdentifier", "e").append("timestamp", stored)
                    .append("payloadType", "java.lang.String").append("payload", "\"p\"").append("metaData", "{}");
            assertThat(IndexedEventStorageEngine.domainEntry(document).getTimestamp()).as(stored)
                    .isEqualTo(DateTimeUtils.parseInstant(stored));
        }
        Instant appended = clock.instant();
        engine.appendEvents(event("timed", 0));
        assertThat(trackAll()).extracting(TrackedEventMessage::getTimestamp)
                .containsExactly(Instant.parse(IndexedEventStorageEngine.formatTimestamp(appended)));
    }

    @Test
    void writersAppendingAtOnce_eachTakeTheirOwnPositions_andAllLand() throws Exception {
        int writers = 16;
        int appendsEach = 100;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < appendsEach; i++) {
                        String aggregate = UUID.randomUUID().toString();
                        engine.appendEvents(event(aggregate, 0), event(aggregate, 1));
                    }
                }));
            }
            for (Future<?> writer : running) {
                writer.get(60, TimeUnit.SECONDS); // a position handed out twice fails an append here
            }
        } finally {
            pool.shutdownNow();
        }

        List<Long> positions = trackAll().stream()
                .map(event -> event.trackingToken().position().orElseThrow()).toList();
        assertThat(positions).hasSize(writers * appendsEach * 2).doesNotHaveDuplicates();
    }

    @Test
    void anAppendWhoseLaterEventLandsFirst_isDeliveredInItsAggregatesOrder() {
        engine.appendEvents(event("a", 0));
        long first = takePositions(3); // one append of three events of "b", its last one visible first
        writeLate(first + 2, "b", 2, first);

        List<TrackedEventMessage<?>> before = track(null);
        assertThat(before).as("the reader waits at the append still landing")
                .extracting(IndexedEventStorageEngineTest::aggregateOf).containsExactly("a");

        writeLate(first, "b", 0, first);
        writeLate(first + 1, "b", 1, first);
        List<TrackedEventMessage<?>> landed = track(last(before).trackingToken());

        assertThat(landed).extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber())
                .containsExactly(0L, 1L, 2L);
        assertThat(((GapAwareTrackingToken) last(landed).trackingToken()).hasGaps()).isFalse();
    }

    @Test
    void anAppendFoundLandingDuringALookup_isReadAgainAtOnce_andDeliveredWhole() {
        engine.appendEvents(event("a", 0));
        TrackingToken afterA = last(trackAll()).trackingToken();
        // the next append, three events of "b", its last one visible first: a reader cut before it would find
        // nothing, and Axon's event store would poll again only after its fetch delay
        long first = takePositions(3);
        writeLate(first + 2, "b", 2, first);
        // b's first two land right after the reader's lookup of positions, before it reads any again
        IndexedEventStorageEngine reader = IndexedEventStorageEngine.builder()
                .database(onSecondLookupOfPositions(() -> {
                    writeLate(first, "b", 0, first);
                    writeLate(first + 1, "b", 1, first);
                }))
                .collection("events").eventSerializer(serializer).snapshotSerializer(serializer).batchSize(BATCH)
                .clock(clock).build();

        assertThat(follow(reader, afterA)).extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber())
                .as("all of b in one read, in order").containsExactly(0L, 1L, 2L);
    }

    @Test
    void anAppendLandingInParts_isDeliveredInItsOrder_partByPart() {
        engine.appendEvents(event("a", 0));
        long first = takePositions(4); // one append of four events of "b"
        writeLate(first + 3, "b", 3, first);
        assertThat(trackAll()).extracting(IndexedEventStorageEngineTest::aggregateOf).containsExactly("a");

        writeLate(first, "b", 0, first);
        writeLate(first + 1, "b", 1, first);
        List<TrackedEventMessage<?>> part = trackAll();
        assertThat(part).extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber())
                .containsExactly(0L, 0L, 1L); // "a", then b's first two: not b's last before its third

        writeLate(first + 2, "b", 2, first);
        assertThat(track(last(part).trackingToken()))
                .extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber()).containsExactly(2L, 3L);
    }

    @Test
    void gapsFoundButCutOff_areKept_evenPastTheGapTimeout() {
        engine.appendEvents(event("a", 0));
        long g = takePositions(1); // another writer's one event
        long first = takePositions(3); // an append of three events of "b"
        engine.appendEvents(event("c", 0));
        TrackingToken withGaps = last(track(null)).trackingToken(); // a, c: the four positions are gaps
        clock.advance(Duration.ofSeconds(61)); // c, at the token's index, is older than the gap timeout

        writeLate(g, "g", 0, g);
        writeLate(first + 1, "b", 1, first);
        writeLate(first + 2, "b", 2, first); // b's first missing: the batch is cut before b's second
        List<TrackedEventMessage<?>> read = track(withGaps);

        // b's first, a gap older than the timeout, is given up; its later events, found but cut off, are not
        assertThat(read).extracting(IndexedEventStorageEngineTest::aggregateOf).containsExactly("g", "b", "b");
        assertThat(read.subList(1, 3)).extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber())
                .containsExactly(1L, 2L);
    }

    @Test
    void everyEventOfAnAppend_recordsWhereItsAppendBegan() {
        engine.appendEvents(event("a", 0));
        engine.appendEvents(event("b", 0), event("b", 1), event("b", 2));

        assertThat(database.getCollection("events").find(Filters.eq("aggregateIdentifier", "b")))
                .extracting(document -> document.get("appendFrom")).containsExactly(1L, 1L, 1L);
    }

    @Test
    void aPositionOfAnAppendThatStaysMissing_isWaitedAtForAWhile_thenLeftAsAGap() {
        engine.appendEvents(event("a", 0));
        long first = takePositions(2); // an append failing half way, its first event undone
        writeLate(first + 1, "b", 1, first);
        assertThat(trackAll()).extracting(IndexedEventStorageEngineTest::aggregateOf).containsExactly("a");

        clock.advance(Duration.ofMillis(1100));
        List<TrackedEventMessage<?>> past = trackAll();

        assertThat(past).extracting(IndexedEventStorageEngineTest::aggregateOf).containsExactly("a", "b");
        assertThat(((GapAwareTrackingToken) last(past).trackingToken()).getGaps()).containsExactly(first);
    }

    @Test
    void aPositionTakenButWrittenLate_isAGapTheReaderWaitsFor_andThenDelivers() {
        engine.appendEvents(event("a", 0));
        long late = takePositions(1);
        assertThat(engine.createHeadToken().position()).as("the head: the last position written").hasValue(late - 1);
        engine.appendEvents(event("b", 0));

        List<TrackedEventMessage<?>> first = track(null);
        assertThat(first).as("another append's hole: not waited at")
                .extracting(IndexedEventStorageEngineTest::aggregateOf).containsExactly("a", "b");
        GapAwareTrackingToken token = (GapAwareTrackingToken) last(first).trackingToken();
        assertThat(token.getGaps()).containsExactly(late);

        writeLate(late, "c", 0, late);
        List<TrackedEventMessage<?>> second = track(token);

        assertThat(second).extracting(IndexedEventStorageEngineTest::aggregateOf).containsExactly("c");
        assertThat(((GapAwareTrackingToken) last(second).trackingToken()).hasGaps()).isFalse();
    }

    @Test
    void aGapOlderThanTheTimeout_isGivenUp_withTheNextEvent() {
        engine.appendEvents(event("a", 0));
        takePositions(1);
        engine.appendEvents(event("b", 0));
        TrackingToken withGap = last(track(null)).trackingToken();

        clock.advance(Duration.ofSeconds(61));
        engine.appendEvents(event("c", 0));
        List<TrackedEventMessage<?>> next = track(withGap);

        assertThat(next).extracting(IndexedEventStorageEngineTest::aggregateOf).containsExactly("c");
        assertThat(((GapAwareTrackingToken) last(next).trackingToken()).hasGaps()).isFalse();
    }

    @Test
    void aRunOfUnwrittenPositionsLongerThanABatch_doesNotStopTheReader() {
        engine.appendEvents(event("a", 0));
        database.getCollection(IndexedEventStorageEngine.COUNTERS)
                .updateOne(Filters.eq("_id", "events"), Updates.inc("next", 3L * BATCH));
        engine.appendEvents(event("b", 0));

        assertThat(trackAll()).extracting(IndexedEventStorageEngineTest::aggregateOf).containsExactly("a", "b");
    }

    @Test
    void aStoreOfAxonsMongoEngine_isMovedInOnce_inItsOrder_andTheOldTokensAreDropped() {
        MongoEventStorageEngine legacy = MongoEventStorageEngine.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        legacy.ensureIndexes();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            DomainEventMessage<?> event = event("agg-" + (i % 4), i / 4);
            legacy.appendEvents(event);
            written.add(event.getIdentifier());
        }
        database.getCollection("trackingtokens").insertOne(new Document("processorName", "pipeline"));
        database.getCollection("events").drop();
        IndexedEventStorageEngine fresh = engine();
        fresh.ensureIndexes();
        LegacyEventMigration migration = new LegacyEventMigration(database, "domainevents", "trackingtokens");

        long moved = migration.migrateInto(fresh, "events", serializer);
        long again = migration.migrateInto(fresh, "events", serializer);

        assertThat(moved).isEqualTo(30);
        assertThat(again).isZero();
        assertThat(trackAll()).extracting(TrackedEventMessage::getIdentifier).containsExactlyElementsOf(written);
        assertThat(fresh.readEvents("agg-1").asStream().map(DomainEventMessage::getSequenceNumber).toList())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(database.getCollection("trackingtokens").countDocuments()).isZero();
        assertThat(database.getCollection("domainevents").countDocuments()).isEqualTo(30);
    }

    // ---- helpers ----

    private DomainEventMessage<?> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregateId, sequence, "payload " + sequence,
                MetaData.with("by", "test"), UUID.randomUUID().toString(), clock.instant());
    }

    /** Takes {@code count} positions as an append does, writing nothing yet; answers the first. */
    private long takePositions(long count) {
        Document counter = database.getCollection(IndexedEventStorageEngine.COUNTERS)
                .findOneAndUpdate(Filters.eq("_id", "events"), Updates.inc("next", count));
        return counter.get("next", Number.class).longValue();
    }

    /**
     * Writes {@code position} as a slow writer would: the document it would have written, later, in an append that
     * began at {@code appendFrom}.
     */
    private void writeLate(long position, String aggregateId, long sequence, long appendFrom) {
        IndexedEventStorageEngine other = IndexedEventStorageEngine.builder().database(database)
                .collection("late").eventSerializer(serializer).snapshotSerializer(serializer).build();
        other.appendEvents(event(aggregateId, sequence));
        Document written = database.getCollection("late").find(Filters.eq("aggregateIdentifier", aggregateId))
                .sort(new Document("_id", -1)).first();
        written.put("_id", position);
        written.put("appendFrom", appendFrom);
        database.getCollection("events").insertOne(written);
    }

    /**
     * The test's database, but that {@code landing} runs just before the second lookup of events by a list of
     * positions ({@code _id $in}): a reader's read again of what its first lookup lacked.
     */
    @SuppressWarnings("unchecked")
    private MongoDatabase onSecondLookupOfPositions(Runnable landing) {
        MongoCollection<Document> events = database.getCollection("events");
        AtomicInteger lookups = new AtomicInteger();
        MongoCollection<Document> watched = (MongoCollection<Document>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {MongoCollection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("find") && args != null && args.length == 1
                            && args[0] instanceof Bson filter
                            && filter.toBsonDocument().get("_id") instanceof BsonDocument condition
                            && condition.containsKey("$in") && lookups.incrementAndGet() == 2) {
                        landing.run();
                    }
                    return invoke(method, events, args);
                });
        return (MongoDatabase) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MongoDatabase.class}, (proxy, method, args) ->
                        method.getName().equals("getCollection") && args.length == 1 && "events".equals(args[0])
                                ? watched : invoke(method, database, args));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException failure) {
            throw failure.getCause();
        }
    }

    private List<TrackedEventMessage<?>> track(TrackingToken from) {
        return follow(engine, from);
    }

    private static List<TrackedEventMessage<?>> follow(IndexedEventStorageEngine reader, TrackingToken from) {
        try (Stream<? extends TrackedEventMessage<?>> stream = reader.readEvents(from, false)) {
            return new ArrayList<>(stream.toList());
        }
    }

    private List<TrackedEventMessage<?>> trackAll() {
        return track(engine.createTailToken());
    }

    private static String aggregateOf(TrackedEventMessage<?> event) {
        return ((DomainEventMessage<?>) event).getAggregateIdentifier();
    }

    private static TrackedEventMessage<?> last(List<TrackedEventMessage<?>> events) {
        return events.get(events.size() - 1);
    }

    /** A clock the test moves forward. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
