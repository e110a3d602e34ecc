package io.candor.query.deadletter;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's {@link SequencedDeadLetterQueue} on the MongoDB driver, for one processing group: one document per letter
 * in a collection shared by the groups ({@code dead_letters}), {@code _id} = {@code "<group>/<event identifier>"}.
 * <p>
 * A letter holds the event as Axon's event serializer writes it (payload, metadata, aggregate and sequence, its
 * identifier and timestamp, the global position of its tracking token), the cause, when it was enqueued and last
 * touched, and diagnostics. Within a sequence, letters are ordered by {@code sequenceIndex}: the event's global
 * position when the message carries one (always, from a tracking processor), else one past the sequence's last.
 * <p>
 * Two choices differ from Axon's JPA queue, both so that a batch the processor handles again parks exactly what it
 * parked the first time (see {@code io.candor.query.support.ViewBatch#discardCurrent}):
 * <ul>
 *   <li>enqueueing an event already in the queue changes nothing (the {@code _id} is the event's);</li>
 *   <li>{@link #enqueueIfPresent} parks an event only behind a letter at or before its position, so an earlier
 *       event of the sequence handled again is applied, not parked behind the one that failed after it.</li>
 * </ul>
 * A sequence being processed is claimed on its first letter ({@code processingStarted}) for {@link #CLAIM}, so that
 * two processes retrying at once do not both process it. Every operation is a single-document write: nothing needs
 * a multi-document transaction.
 */
public final class MongoDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(MongoDeadLetterQueue.class);

    public static final String COLLECTION = "dead_letters";
    /** How long a retry may hold a sequence before another may take it over. */
    static final Duration CLAIM = Duration.ofSeconds(30);
    /** Axon's JPA queue's bounds: past them, enqueueing fails and the processor retries, as without a queue. */
    static final int MAX_SEQUENCES = 1024;
    static final int MAX_SEQUENCE_SIZE = 1024;

    private final MongoCollection<Document> letters;
    private final String view;
    private final Serializer serializer;

    /**
     * @param letters    the collection of every group's letters
     * @param view       the processing group this queue belongs to
     * @param serializer Axon's event serializer, to write and read the events
     */
    public MongoDeadLetterQueue(MongoCollection<Document> letters, String view, Serializer serializer) {
        this.letters = Objects.requireNonNull(letters);
        this.view = Objects.requireNonNull(view);
        this.serializer = Objects.requireNonNull(serializer);
        letters.createIndex(Indexes.ascending("view", "sequenceIdentifier", "sequenceIndex"),
                new IndexOptions().unique(true));
    }

    public String view() {
        return view;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        String sequence = sequenceKey(sequenceIdentifier);
        String id = view + "/" + letter.message().getIdentifier();
        if (letters.find(Filters.eq("_id", id)).first() != null) {
            return; // parked already: the batch holding it is being handled again
        }
        if (isFull(sequenceIdentifier)) {
            throw new DeadLetterQueueOverflowException("The dead-letter queue of view " + view + " is full (at most "
                    + MAX_SEQUENCES + " sequences of " + MAX_SEQUENCE_SIZE + " letters); sequence " + sequence);
        }
        OptionalLong position = globalPosition(letter.message());
        long index = position.isPresent() ? position.getAsLong() : lastIndex(sequence) + 1;
        Document document = toDocument(letter.message(), position)
                .append("_id", id)
                .append("view", view)
                .append("sequenceIdentifier", sequence)
                .append("sequenceIndex", index)
                .append("enqueuedAt", Date.from(letter.enqueuedAt()))
                .append("lastTouched", Date.from(letter.lastTouched()))
                .append("processingStarted", null)
                .append("diagnostics", serialized(letter.diagnostics()));
        letter.cause().ifPresent(cause -> document.append("cause", causeDocument(cause)));
        try {
            letters.insertOne(document);
        } catch (MongoWriteException e) {
            boolean parkedMeanwhile = e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                    && letters.find(Filters.eq("_id", id)).first() != null;
            if (!parkedMeanwhile) {
                throw e;
            }
            return;
        }
        // The event's type and the cause's class only: a message may hold what the event holds, personal data too.
        log.warn("View {} parked event {} ({}, sequence {}): {}; it is left out of the view until it is retried",
                view, letter.message().getIdentifier(), letter.message().getPayloadType().getSimpleName(), sequence,
                letter.cause().map(Cause::type).orElse("behind an earlier event of its sequence"));
    }

    /**
     * Parks the event if its sequence holds a letter at or before the event's position (any letter, for an event
     * without one): a later event of a blocked aggregate waits behind it; an earlier one does not.
     */
    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
        DeadLetter<? extends EventMessage<?>> letter = letterBuilder.get();
        OptionalLong position = globalPosition(letter.message());
        Bson filter = inSequence(sequenceKey(sequenceIdentifier));
        if (position.isPresent()) {
            filter = Filters.and(filter, Filters.lte("sequenceIndex", position.getAsLong()));
        }
        if (letters.find(filter).projection(Projections.include("_id")).first() == null) {
            return false;
        }
        enqueue(sequenceIdentifier, letter);
        return true;
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        letters.deleteOne(Filters.eq("_id", idOf(letter)));
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater)
            throws NoSuchDeadLetterException {
        String id = idOf(letter);
        DeadLetter<? extends EventMessage<?>> updated = letterUpdater.apply(letter);
        List<Bson> changes = new ArrayList<>(List.of(
                Updates.set("lastTouched", Date.from(Instant.now())),
                Updates.set("processingStarted", null),
                Updates.set("diagnostics", serialized(updated.diagnostics()))));
        updated.cause().ifPresent(cause -> changes.add(Updates.set("cause", causeDocument(cause))));
        if (letters.updateOne(Filters.eq("_id", id), Updates.combine(changes)).getMatchedCount() == 0) {
            throw new NoSuchDeadLetterException("No dead letter " + id + " to requeue in view " + view);
        }
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return letters.find(inSequence(sequenceKey(sequenceIdentifier))).projection(Projections.include("_id"))
                .first() != null;
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return new ArrayList<>(sequence(sequenceKey(sequenceIdentifier)));
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        Map<String, List<DeadLetter<? extends EventMessage<?>>>> bySequence = new LinkedHashMap<>();
        for (StoredDeadLetter letter : list()) {
            bySequence.computeIfAbsent(letter.sequenceIdentifier(), s -> new ArrayList<>()).add(letter);
        }
        return new ArrayList<>(bySequence.values());
    }

    /** Every letter of this group, sequence by sequence, each in its order. */
    public List<StoredDeadLetter> list() {
        List<StoredDeadLetter> all = new ArrayList<>();
        letters.find(Filters.eq("view", view))
                .sort(Sorts.ascending("sequenceIdentifier", "sequenceIndex"))
                .forEach(document -> all.add(toLetter(document)));
        return all;
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        String sequence = sequenceKey(sequenceIdentifier);
        long inSequence = letters.countDocuments(inSequence(sequence));
        return inSequence == 0 ? amountOfSequences() >= MAX_SEQUENCES : inSequence >= MAX_SEQUENCE_SIZE;
    }

    @Override
    public long size() {
        return letters.countDocuments(Filters.eq("view", view));
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return letters.countDocuments(inSequence(sequenceKey(sequenceIdentifier)));
    }

    @Override
    public long amountOfSequences() {
        List<String> sequences = letters.distinct("sequenceIdentifier", Filters.eq("view", view), String.class)
                .into(new ArrayList<>());
        return sequences.size();
    }

    /**
     * Processes one sequence whose first letter matches {@code sequenceFilter} and that nobody holds, the one
     * touched longest ago first: letter after letter in order, each evicted when {@code processingTask} decides so,
     * until one is requeued (the sequence stays, from that letter on) or none is left.
     *
     * @return whether a whole sequence was processed and left the queue
     */
    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        for (StoredDeadLetter first : firstLetters()) {
            if (sequenceFilter.test(first) && claim(first)) {
                return processSequence(first, processingTask);
            }
        }
        return false;
    }

    private boolean processSequence(StoredDeadLetter first,
                                    Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        StoredDeadLetter letter = first;
        while (letter != null) {
            EnqueueDecision<EventMessage<?>> decision = task.apply(letter);
            if (decision.shouldEnqueue()) {
                Throwable cause = decision.enqueueCause().orElse(null);
                requeue(letter, stored -> decision.withDiagnostics(cause == null ? stored : stored.withCause(cause)));
                return false;
            }
            evict(letter);
            List<StoredDeadLetter> rest = sequence(letter.sequenceIdentifier());
            letter = rest.isEmpty() ? null : rest.get(0);
            if (letter != null && !claim(letter)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void clear() {
        letters.deleteMany(Filters.eq("view", view));
    }

    /** The first letter of each sequence, the sequence touched longest ago first. */
    private List<StoredDeadLetter> firstLetters() {
        Map<String, StoredDeadLetter> first = new LinkedHashMap<>();
        for (StoredDeadLetter letter : list()) {
            first.putIfAbsent(letter.sequenceIdentifier(), letter);
        }
        List<StoredDeadLetter> firsts = new ArrayList<>(first.values());
        firsts.sort((a, b) -> a.lastTouched().compareTo(b.lastTouched()));
        return firsts;
    }

    /** Takes the sequence for this process, unless another holds it and its claim has not expired. */
    private boolean claim(StoredDeadLetter letter) {
        Instant now = Instant.now();
        Bson free = Filters.or(Filters.eq("processingStarted", null),
                Filters.lt("processingStarted", Date.from(now.minus(CLAIM))));
        return letters.updateOne(Filters.and(Filters.eq("_id", letter.id()), free),
                Updates.set("processingStarted", Date.from(now))).getModifiedCount() == 1;
    }

    private List<StoredDeadLetter> sequence(String sequence) {
        List<StoredDeadLetter> found = new ArrayList<>();
        letters.find(inSequence(sequence)).sort(Sorts.ascending("sequenceIndex"))
                .forEach(document -> found.add(toLetter(document)));
        return found;
    }

    private long lastIndex(String sequence) {
        Document last = letters.find(inSequence(sequence)).sort(Sorts.descending("sequenceIndex"))
                .projection(Projections.include("sequenceIndex")).first();
        return last == null ? -1 : last.get("sequenceIndex", Number.class).longValue();
    }

    private Bson inSequence(String sequence) {
        return Filters.and(Filters.eq("view", view), Filters.eq("sequenceIdentifier", sequence));
    }

    private String idOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter instanceof StoredDeadLetter stored ? stored.id() : view + "/" + letter.message().getIdentifier();
    }

    /** Sequence identifiers as text: the aggregate identifier under the default per-aggregate policy. */
    private static String sequenceKey(Object sequenceIdentifier) {
        return String.valueOf(sequenceIdentifier);
    }

    private static OptionalLong globalPosition(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position();
        }
        return OptionalLong.empty();
    }

    private Document toDocument(EventMessage<?> message, OptionalLong position) {
        SerializedObject<String> payload = serializer.serialize(message.getPayload(), String.class);
        Document event = new Document("identifier", message.getIdentifier())
                .append("timestamp", message.getTimestamp().toString())
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("metaData", serialized(message.getMetaData()));
        if (message instanceof DomainEventMessage<?> domain) {
            event.append("aggregateType", domain.getType())
                    .append("aggregateIdentifier", domain.getAggregateIdentifier())
                    .append("aggregateSequence", domain.getSequenceNumber());
        }
        position.ifPresent(p -> event.append("globalPosition", p));
        return new Document("event", event);
    }

    private StoredDeadLetter toLetter(Document document) {
        Document event = document.get("event", Document.class);
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(event.getString("payload"), String.class,
                event.getString("payloadType"), event.getString("payloadRevision")));
        MetaData metaData = deserializeMetaData(event.get("metaData", Document.class));
        GenericMessage<Object> body = new GenericMessage<>(event.getString("identifier"), payload, metaData);
        Instant timestamp = Instant.parse(event.getString("timestamp"));
        Number position = event.get("globalPosition", Number.class);
        GapAwareTrackingToken token = position == null ? null : GapAwareTrackingToken.newInstance(position.longValue(), List.of());
        EventMessage<?> message;
        if (event.getString("aggregateIdentifier") != null) {
            DomainEventMessage<Object> domain = new GenericDomainEventMessage<>(event.getString("aggregateType"),
                    event.getString("aggregateIdentifier"), event.get("aggregateSequence", Number.class).longValue(),
                    body, timestamp);
            message = token == null ? domain : new GenericTrackedDomainEventMessage<>(token, domain);
        } else {
            GenericEventMessage<Object> plain = new GenericEventMessage<>(body, () -> timestamp);
            message = token == null ? plain : new GenericTrackedEventMessage<>(token, plain);
        }
        Document cause = document.get("cause", Document.class);
        return new StoredDeadLetter(document.getString("_id"), document.getString("view"),
                document.getString("sequenceIdentifier"), document.get("sequenceIndex", Number.class).longValue(),
                position == null ? OptionalLong.empty() : OptionalLong.of(position.longValue()), message,
                cause == null ? null : new ThrowableCause(cause.getString("type"), cause.getString("message")),
                document.getDate("enqueuedAt").toInstant(), document.getDate("lastTouched").toInstant(),
                deserializeMetaData(document.get("diagnostics", Document.class)));
    }

    private Document serialized(MetaData metaData) {
        SerializedObject<String> serialized = serializer.serialize(metaData, String.class);
        return new Document("type", serialized.getType().getName()).append("data", serialized.getData());
    }

    private MetaData deserializeMetaData(Document serialized) {
        if (serialized == null) {
            return MetaData.emptyInstance();
        }
        return serializer.deserialize(new SimpleSerializedObject<>(serialized.getString("data"), String.class,
                serialized.getString("type"), null));
    }

    private static Document causeDocument(Cause cause) {
        return new Document("type", cause.type()).append("message", cause.message());
    }
}
