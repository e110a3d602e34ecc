package io.candor.query.integrity;

import io.candor.infrastructure.eventstore.EventChains;
import io.candor.infrastructure.eventstore.EventChains.BrokenLink;
import io.candor.infrastructure.eventstore.EventChains.ChainReport;
import io.candor.query.timeline.TimelineEntry;
import io.candor.query.timeline.TimelineQueries;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies every event chain of a candidate: their own aggregate and each opportunity the timeline knows of. The
 * timeline, built from the stream, also says which events were recorded, so an event deleted from the end of a
 * chain, or a whole opportunity deleted, shows as missing, which the chains alone could not show. The first broken
 * link is the earliest recorded of the broken links, the chains in timeline order breaking ties.
 */
@Component
class CandidateIntegrity {

    private final TimelineQueries timeline;
    private final EventChains chains;

    CandidateIntegrity(TimelineQueries timeline, EventChains chains) {
        this.timeline = timeline;
        this.chains = chains;
    }

    /** One aggregate's chain as verified. */
    record Chain(String aggregateId, String kind, long events, long sealed, boolean intact, BrokenLink firstBrokenLink) {
    }

    /** A candidate's history as verified. */
    record Report(String candidateId, boolean intact, long events, long sealed, BrokenLink firstBrokenLink,
                  List<Chain> chains) {
    }

    /** Throws {@code QueryNotFoundException} (404) for a candidate the timeline does not know. */
    Report verify(String candidateId) {
        List<TimelineEntry> entries = timeline.timeline(candidateId, null, null).entries();
        Map<String, Map<Long, String>> recorded = new LinkedHashMap<>();
        recorded.put(candidateId, new LinkedHashMap<>());
        Map<String, Map<Long, Instant>> recordedAt = new LinkedHashMap<>();
        for (TimelineEntry entry : entries) {
            recorded.computeIfAbsent(entry.aggregateId, id -> new LinkedHashMap<>()).put(entry.sequence, entry.eventId);
            recordedAt.computeIfAbsent(entry.aggregateId, id -> new LinkedHashMap<>()).put(entry.sequence, entry.recordedAt);
        }
        List<Chain> verified = new ArrayList<>();
        List<BrokenLink> broken = new ArrayList<>();
        long events = 0;
        long sealed = 0;
        for (Map.Entry<String, Map<Long, String>> aggregate : recorded.entrySet()) {
            ChainReport report = chains.verify(aggregate.getKey(), aggregate.getValue());
            BrokenLink link = report.firstBrokenLink();
            if (link != null && link.recordedAt() == null) {
                Instant when = recordedAt.getOrDefault(link.aggregateId(), Map.of()).get(link.sequence());
                link = new BrokenLink(link.aggregateId(), link.sequence(),
                        Objects.requireNonNullElse(link.eventIdentifier(), aggregate.getValue().get(link.sequence())),
                        when, link.problem(), link.detail());
            }
            if (link != null) {
                broken.add(link);
            }
            events += report.events();
            sealed += report.sealed();
            verified.add(new Chain(aggregate.getKey(), aggregate.getKey().equals(candidateId) ? "CANDIDATE" : "OPPORTUNITY",
                    report.events(), report.sealed(), link == null, link));
        }
        BrokenLink first = broken.stream()
                .min(Comparator.comparing(BrokenLink::recordedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .orElse(null);
        return new Report(candidateId, first == null, events, sealed, first, verified);
    }
}
