package io.candor.query.timeline;

import com.mongodb.client.MongoDatabase;
import io.candor.events.Stage;
import io.candor.query.support.QueryNotFoundException;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a candidate's timeline on two clocks: {@code asOf} keeps the events that happened at or before it,
 * {@code knownAt} those recorded at or before it; the state is the fold of the kept entries, each aggregate in
 * sequence order. The candidate's entries are read in their pages ({@link TimelinePages}), then filtered here.
 */
@Component
public class TimelineQueries {

    /** The timeline's processing group, for a reader that waits for it to catch up. */
    public static final String VIEW = TimelineProjection.VIEW;

    private final TimelinePages pages;

    TimelineQueries(MongoDatabase candorDatabase) {
        this.pages = new TimelinePages(candorDatabase.getCollection(TimelineProjection.PAGES));
    }

    /** An opportunity as it then stood. */
    public record OpportunityState(String opportunityId, String company, String role, Stage stage) {
    }

    /** The candidate as they then stood. */
    public record State(List<OpportunityState> opportunities, boolean searchActive, boolean employed) {
    }

    /** The audit timeline. */
    public record Timeline(String candidateId, Instant asOf, Instant knownAt, List<TimelineEntry> entries, State state) {
    }

    public Timeline timeline(String candidateId, Instant asOf, Instant knownAt) {
        List<TimelineEntry> all = pages.entriesOf(candidateId);
        if (all.stream().noneMatch(entry -> "CandidateRegistered".equals(entry.type))) {
            throw new QueryNotFoundException("No candidate " + candidateId);
        }
        List<TimelineEntry> kept = all.stream()
                .filter(entry -> asOf == null || !entry.happenedAt.isAfter(asOf))
                .filter(entry -> knownAt == null || !entry.recordedAt.isAfter(knownAt))
                .sorted(Comparator.comparing((TimelineEntry entry) -> entry.happenedAt)
                        .thenComparing(entry -> entry.recordedAt)
                        .thenComparing(entry -> entry.opportunityId != null)
                        .thenComparing(entry -> entry.aggregateId)
                        .thenComparingLong(entry -> entry.sequence))
                .toList();
        return new Timeline(candidateId, asOf, knownAt, kept, fold(kept));
    }

    static State fold(List<TimelineEntry> kept) {
        List<TimelineEntry> inOrder = new ArrayList<>(kept);
        inOrder.sort(Comparator.comparing((TimelineEntry entry) -> entry.aggregateId).thenComparingLong(entry -> entry.sequence));
        Map<String, OpportunityState> opportunities = new LinkedHashMap<>();
        boolean searchActive = false;
        boolean employed = false;
        Instant lastSearch = null;
        Instant lastEmployment = null;
        for (TimelineEntry entry : inOrder) {
            if (entry.opportunityId != null) {
                OpportunityState before = opportunities.get(entry.opportunityId);
                Stage stage = entry.stage != null ? entry.stage : before == null ? null : before.stage();
                opportunities.put(entry.opportunityId,
                        new OpportunityState(entry.opportunityId, entry.company, entry.role, stage));
            }
            if (entry.searchActive != null) {
                searchActive = entry.searchActive;
            }
            if (entry.employed != null) {
                employed = entry.employed;
            }
        }
        List<OpportunityState> states = new ArrayList<>(opportunities.values());
        Map<String, Instant> firstSeen = new LinkedHashMap<>();
        kept.forEach(entry -> {
            if (entry.opportunityId != null) {
                firstSeen.putIfAbsent(entry.opportunityId, entry.happenedAt);
            }
        });
        states.sort(Comparator.comparing((OpportunityState state) -> firstSeen.get(state.opportunityId())));
        return new State(states, searchActive, employed);
    }
}
