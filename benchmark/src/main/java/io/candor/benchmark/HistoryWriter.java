package io.candor.benchmark;

import com.mongodb.client.MongoDatabase;
import io.candor.events.CandidateId;
import io.candor.events.Channel;
import io.candor.events.ContactRole;
import io.candor.events.Fit;
import io.candor.events.FirmId;
import io.candor.events.Interest;
import io.candor.events.Interviewer;
import io.candor.events.InterviewerRole;
import io.candor.events.LessonCategory;
import io.candor.events.OpportunityId;
import io.candor.events.Person;
import io.candor.events.Reason;
import io.candor.events.Source;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.infrastructure.CandorSerialization;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import io.candor.infrastructure.eventstore.IndexedEventStorageEngine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Years of job searches, written straight into the event store through Candor's storage engine and Axon's
 * serializer, exactly as the command side would have stored them: per candidate a registration, a search
 * started, and ten opportunities of ten events each (invitation, contact, two rounds, a lesson, a note, an offer
 * and its decline). About 102 events per candidate; 1,000 candidates make 10,000 opportunities.
 */
final class HistoryWriter {

    static final int OPPORTUNITIES_PER_CANDIDATE = 10;
    private static final Instant SEARCH_BEGAN = Instant.parse("2024-01-08T09:00:00Z");

    private final IndexedEventStorageEngine engine;
    private final boolean recordedWhenItHappened;
    private final double eventsPerSecond;
    private final List<String> candidates = new ArrayList<>();
    private final List<String> opportunities = new ArrayList<>();
    private String lastAggregate;
    private long lastSequence;

    /** A history written as it would be by people using Candor: stamped now, at most {@code eventsPerSecond}. */
    static HistoryWriter live(MongoDatabase database, double eventsPerSecond) {
        return new HistoryWriter(database, false, eventsPerSecond);
    }

    /**
     * A past search imported: each event stamped with when it happened in the story, spread over two years, as
     * fast as the store takes them. The store orders events by position, not by time, so processors following it
     * see them all the same.
     */
    static HistoryWriter imported(MongoDatabase database) {
        return new HistoryWriter(database, true, Double.POSITIVE_INFINITY);
    }

    private HistoryWriter(MongoDatabase database, boolean recordedWhenItHappened, double eventsPerSecond) {
        this.recordedWhenItHappened = recordedWhenItHappened;
        this.eventsPerSecond = eventsPerSecond;
        this.engine = IndexedEventStorageEngine.builder()
                .database(database)
                .eventSerializer(CandorSerialization.serializer())
                .snapshotSerializer(CandorSerialization.serializer())
                .build();
    }

    /** Writes whole candidates until at least {@code events} events were written; returns how many. */
    long write(long events) {
        long written = 0;
        long start = System.nanoTime();
        while (written < events) {
            written += writeCandidate(candidates.size());
            long due = start + (long) (written / eventsPerSecond * 1e9);
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
        }
        return written;
    }

    List<String> candidates() {
        return candidates;
    }

    List<String> opportunities() {
        return opportunities;
    }

    /** {@code aggregateId:sequence} of the last event written. */
    String lastPosition() {
        return lastAggregate + ":" + lastSequence;
    }

    /**
     * Writes whole candidates, {@code together} at a time, until at least {@code events} events were written; returns
     * how many. The events of the candidates written together are interleaved, one of each in turn (each aggregate's
     * in its order), as a store recorded by many people at once holds them, rather than one candidate after the other.
     */
    long writeInterleaved(long events, int together) {
        long written = 0;
        while (written < events) {
            List<List<DomainEventMessage<?>>> group = new ArrayList<>();
            int inGroup = 0;
            for (int i = 0; i < together && written < events; i++) {
                List<DomainEventMessage<?>> messages = messagesOf(candidates.size());
                group.add(messages);
                inGroup += messages.size();
                written += messages.size();
            }
            List<DomainEventMessage<?>> interleaved = new ArrayList<>(inGroup);
            for (int turn = 0; interleaved.size() < inGroup; turn++) {
                for (List<DomainEventMessage<?>> messages : group) {
                    if (turn < messages.size()) {
                        interleaved.add(messages.get(turn));
                    }
                }
            }
            for (int from = 0; from < interleaved.size(); from += APPEND_CHUNK) {
                engine.appendEvents(interleaved.subList(from, Math.min(interleaved.size(), from + APPEND_CHUNK)));
            }
        }
        return written;
    }

    private static final int APPEND_CHUNK = 1_000;

    private int writeCandidate(int n) {
        List<DomainEventMessage<?>> messages = messagesOf(n);
        engine.appendEvents(messages);
        return messages.size();
    }

    /** A candidate's history, from registration to their tenth declined offer; counted among the candidates. */
    private List<DomainEventMessage<?>> messagesOf(int n) {
        CandidateId candidate = CandidateId.generate();
        Instant began = SEARCH_BEGAN.plus(Duration.ofDays(n % 700));
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        add(messages, "Candidate", candidate.value(), began, List.of(
                new CandidateEvent.CandidateRegistered(candidate, FirmId.INDEPENDENT, "Candidate " + n,
                        "candidate" + n + "@example.org", n % 3 != 0, began),
                new CandidateEvent.JobSearchStarted(candidate, began)));
        for (int o = 0; o < OPPORTUNITIES_PER_CANDIDATE; o++) {
            OpportunityId opportunity = OpportunityId.generate();
            Instant at = began.plus(Duration.ofDays(3L * o));
            String company = "Company " + (n * 7 + o) % 400;
            Person recruiter = new Person("Recruiter " + (n + o) % 50, "recruiter" + (n + o) % 50 + "@agency.example");
            Interviewer manager = new Interviewer("Manager " + o, "manager" + o + "@" + company.replace(' ', '-')
                    .toLowerCase() + ".example", "Engineering Manager", InterviewerRole.HIRING_MANAGER);
            add(messages, "Opportunity", opportunity.value(), at, List.of(
                    new OpportunityEvent.InvitationReceived(opportunity, candidate, company, "Engineer " + o,
                            Source.RECRUITER, Channel.EMAIL, at, o % 3 == 0 ? Interest.UNSURE : Interest.INTERESTED,
                            recruiter, Set.of(), null),
                    new OpportunityEvent.ContactMet(opportunity, candidate, recruiter, "Recruiter",
                            ContactRole.RECRUITER, at, "First call"),
                    new OpportunityEvent.InterviewScheduled(opportunity, candidate, 1, at.plus(Duration.ofDays(4)),
                            Channel.EMAIL, at.plus(Duration.ofDays(1))),
                    new OpportunityEvent.InterviewAttended(opportunity, candidate, 1, at.plus(Duration.ofDays(4)),
                            List.of(manager), List.of("Tell me about yourself.", "Why this role?"),
                            List.of("What did you own in your last project?"), List.of("Teams are hiring"), Fit.GOOD),
                    new OpportunityEvent.LessonRecorded(opportunity, candidate, LessonCategory.INTERVIEW_QUESTION,
                            "Prepare a shorter introduction", at.plus(Duration.ofDays(4))),
                    new OpportunityEvent.InterviewScheduled(opportunity, candidate, 2, at.plus(Duration.ofDays(9)),
                            Channel.EMAIL, at.plus(Duration.ofDays(5))),
                    new OpportunityEvent.InterviewAttended(opportunity, candidate, 2, at.plus(Duration.ofDays(9)),
                            List.of(manager), List.of("Why this role?"), List.of(), List.of(), Fit.UNSURE),
                    new OpportunityEvent.NoteAdded(opportunity, candidate, "Sent a thank-you note",
                            at.plus(Duration.ofDays(9))),
                    new OpportunityEvent.OfferReceived(opportunity, candidate, BigDecimal.valueOf(80000 + o * 1000L),
                            "EUR", at.plus(Duration.ofDays(20)), at.plus(Duration.ofDays(12))),
                    new OpportunityEvent.OfferDeclined(opportunity, candidate, Reason.COMPENSATION, null,
                            Channel.EMAIL, "Thank you for the offer; I have decided to decline it.",
                            at.plus(Duration.ofDays(14)))));
            opportunities.add(opportunity.value());
        }
        candidates.add(candidate.value());
        return messages;
    }

    private void add(List<DomainEventMessage<?>> messages, String type, String aggregate, Instant began,
                     List<?> payloads) {
        long sequence = 0;
        for (Object payload : payloads) {
            Instant recordedAt = recordedWhenItHappened ? began.plus(Duration.ofHours(sequence)) : Instant.now();
            messages.add(new GenericDomainEventMessage<>(type, aggregate, sequence, payload, MetaData.emptyInstance(),
                    UUID.randomUUID().toString(), recordedAt));
            lastAggregate = aggregate;
            lastSequence = sequence++;
        }
    }
}
