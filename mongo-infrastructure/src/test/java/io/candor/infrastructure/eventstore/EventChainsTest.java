package io.candor.infrastructure.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.candor.infrastructure.CandorSerialization;
import io.candor.infrastructure.embedded.EmbeddedMongo;
import io.candor.infrastructure.eventstore.EventChains.ChainReport;
import io.candor.infrastructure.eventstore.EventChains.Problem;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tamper evidence against the embedded server over a real socket: events appended through the store are sealed
 * and chained per aggregate, and each way of altering the stored documents directly is named at the right event.
 */
class EventChainsTest {

    private static final Serializer serializer = CandorSerialization.serializer();

    private EmbeddedMongo mongo;
    private MongoClient client;
    private MongoCollection<Document> stored;
    private IndexedEventStorageEngine engine;
    private EventChains chains;
    private final String aggregate = UUID.randomUUID().toString();

    @BeforeEach
    void store() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.connectionString());
        MongoDatabase database = client.getDatabase("candor");
        engine = IndexedEventStorageEngine.builder().database(database).collection("events")
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        engine.ensureIndexes();
        stored = database.getCollection("events");
        chains = new EventChains(database, "events");
    }

    @AfterEach
    void close() {
        client.close();
        mongo.close();
    }

    @Test
    void eventsAppendedOneAtATimeOrInBatches_formOneIntactChain() {
        engine.appendEvents(event(0), event(1));
        engine.appendEvents(event(2));
        IndexedEventStorageEngine freshProcess = IndexedEventStorageEngine.builder().database(client.getDatabase("candor"))
                .collection("events").eventSerializer(serializer).snapshotSerializer(serializer).build();
        freshProcess.appendEvents(event(3), event(4)); // remembers nothing: reads the hash of event 2

        ChainReport report = chains.verify(aggregate);

        assertThat(report.intact()).isTrue();
        assertThat(report.events()).isEqualTo(5);
        assertThat(report.sealed()).isEqualTo(5);
        assertThat(stored(0).getString(EventSeals.PREVIOUS_HASH)).isEqualTo(EventSeals.GENESIS);
        for (int sequence = 1; sequence < 5; sequence++) {
            assertThat(stored(sequence).getString(EventSeals.PREVIOUS_HASH))
                    .isEqualTo(stored(sequence - 1).getString(EventSeals.HASH));
        }
    }

    @Test
    void aPayloadChangedInTheDatabase_isNamedAsAltered() {
        engine.appendEvents(event(0), event(1), event(2));
        stored.updateOne(Filters.eq("stream", aggregate + ":1"), Updates.set("payload", "\"payload changed\""));

        ChainReport report = chains.verify(aggregate);

        assertThat(report.intact()).isFalse();
        assertThat(report.firstBrokenLink().sequence()).isEqualTo(1);
        assertThat(report.firstBrokenLink().problem()).isEqualTo(Problem.ALTERED);
        assertThat(report.firstBrokenLink().eventIdentifier()).isEqualTo(stored(1).getString("eventIdentifier"));
    }

    @Test
    void anEventRewrittenWithAFreshHash_breaksTheLinkOfTheNextOne() {
        engine.appendEvents(event(0), event(1), event(2));
        Document forged = stored(1).append("payload", "\"forged\"");
        EventSeals.seal(forged, forged.getString(EventSeals.PREVIOUS_HASH));
        stored.replaceOne(Filters.eq("_id", forged.get("_id")), forged);

        ChainReport report = chains.verify(aggregate);

        assertThat(report.firstBrokenLink().sequence()).isEqualTo(2);
        assertThat(report.firstBrokenLink().problem()).isEqualTo(Problem.RELINKED);
    }

    @Test
    void aDeletedEvent_isNamedAsMissing_andAHashRemovedAsUnsealed() {
        engine.appendEvents(event(0), event(1), event(2), event(3));
        stored.updateOne(Filters.eq("stream", aggregate + ":3"), Updates.unset(EventSeals.HASH));

        assertThat(chains.verify(aggregate).firstBrokenLink().problem()).isEqualTo(Problem.UNSEALED);

        stored.deleteOne(Filters.eq("stream", aggregate + ":1"));

        ChainReport report = chains.verify(aggregate);
        assertThat(report.firstBrokenLink().sequence()).isEqualTo(1);
        assertThat(report.firstBrokenLink().problem()).isEqualTo(Problem.MISSING);
    }

    @Test
    void theLastEventsDeleted_areMissingAgainstWhatAViewSaw() {
        engine.appendEvents(event(0), event(1), event(2));
        Map<Long, String> seen = Map.of(0L, stored(0).getString("eventIdentifier"),
                1L, stored(1).getString("eventIdentifier"), 2L, stored(2).getString("eventIdentifier"));
        assertThat(chains.verify(aggregate, seen).intact()).isTrue();

        stored.deleteOne(Filters.eq("stream", aggregate + ":2"));

        assertThat(chains.verify(aggregate).intact()).isTrue(); // the chain alone cannot see a cut tail
        ChainReport report = chains.verify(aggregate, seen);
        assertThat(report.firstBrokenLink().sequence()).isEqualTo(2);
        assertThat(report.firstBrokenLink().problem()).isEqualTo(Problem.MISSING);
    }

    @Test
    void hashesRemovedFromAWholeAggregate_areNamedAsUnsealed_notTakenForEventsStoredBeforeSealing() {
        engine.appendEvents(event(0), event(1));
        stored.updateMany(Filters.eq("aggregateIdentifier", aggregate),
                Updates.combine(Updates.unset(EventSeals.HASH), Updates.unset(EventSeals.PREVIOUS_HASH)));

        ChainReport report = chains.verify(aggregate);

        assertThat(report.firstBrokenLink().sequence()).isZero();
        assertThat(report.firstBrokenLink().problem()).isEqualTo(Problem.UNSEALED);
    }

    @Test
    void eventsStoredBeforeSealing_startTheChain_andAreCounted() {
        engine.appendEvents(event(0), event(1));
        stored.updateMany(Filters.eq("aggregateIdentifier", aggregate),
                Updates.combine(Updates.unset(EventSeals.HASH), Updates.unset(EventSeals.PREVIOUS_HASH)));
        client.getDatabase("candor").getCollection(IndexedEventStorageEngine.COUNTERS).updateOne(
                Filters.eq("_id", "events" + EventSeals.SEALED_FROM), Updates.set("position", 2L)); // as if upgraded now
        IndexedEventStorageEngine upgraded = IndexedEventStorageEngine.builder().database(client.getDatabase("candor"))
                .collection("events").eventSerializer(serializer).snapshotSerializer(serializer).build();
        upgraded.appendEvents(event(2));

        ChainReport report = chains.verify(aggregate);

        assertThat(report.intact()).isTrue();
        assertThat(report.events()).isEqualTo(3);
        assertThat(report.sealed()).isEqualTo(1);
    }

    private Document stored(long sequence) {
        return stored.find(Filters.eq("stream", aggregate + ":" + sequence)).first();
    }

    private DomainEventMessage<?> event(long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregate, sequence, "payload " + sequence,
                MetaData.with("by", "test"), UUID.randomUUID().toString(), Instant.now());
    }
}
