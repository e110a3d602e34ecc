package io.candor.query.analytics;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.candor.events.Reason;
import io.candor.events.Source;
import io.candor.infrastructure.IdLookups;
import io.candor.infrastructure.RecentlyUsed;
import io.candor.query.support.QueryClock;
import io.candor.query.support.QueryNotFoundException;
import io.candor.query.support.ViewDocuments;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A firm's analytics, summed when read over what each of the firm's candidates adds ({@link FirmFigures}). The
 * query lists the firm's candidates with each document's revision (an equality on {@code firmId}: indexed on
 * MongoDB, a scan of the collection on the embedded server), and reads again only the candidates whose revision
 * changed since this process last read them; the others it sums from what it kept. Of a document read it asks for
 * the candidate's searches and figures, not the facts they were counted from nor the applied positions.
 * <p>
 * On the embedded server, for a firm of 981 candidates: the list of revisions alone takes about 1 ms through the
 * driver, the figures of every candidate 3 to 5 ms, their whole documents 40 to 55 (README, Benchmark).
 */
@Component
public class AnalyticsQueries {

    /**
     * A cancellation or reschedule with less notice than this is late: the contacts view's LATE_NOTICE. Counted into
     * the stored {@link FirmFigures}: a change needs a new analytics layout ({@code ViewLayouts}) to count them anew.
     */
    static final Duration LATE_NOTICE = Duration.ofHours(24);

    /** Candidates whose figures a process keeps, all firms together: {@code candor.query.analytics.kept-candidates}. */
    static final int KEPT_CANDIDATES = 50_000;

    private static final double SECONDS_PER_HOUR = 3_600;
    private static final double SECONDS_PER_DAY = 86_400;
    private static final double SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY;

    /** What the firm query lists of each candidate's document: its {@code _id} and revision. */
    private static final Bson LISTED_FIELDS = Projections.include("revision");
    /** What the firm query reads of a candidate's document when its revision is not the one it kept. */
    private static final Bson FIRM_FIELDS = Projections.fields(
            Projections.include("candidateId", "firmId", "registered", "searches", "figures", "revision"),
            Projections.excludeId());

    /**
     * Candidates per reply of the firm query's list: a round trip per thousand rather than per hundred
     * ({@link ViewDocuments#MANY_PER_REPLY}, which bounds replies of whole documents); an id and a number each.
     */
    static final int CANDIDATES_PER_REPLY = 1_000;

    private final MongoCollection<RawBsonDocument> views;
    private final QueryClock clock;
    /**
     * What was last read of each candidate, with the revision it was read at: at most about {@code keptCandidates}
     * (a candidate's figures are bounded: counts by reason, source and stage, and their searches), in two
     * generations of half as many, the older one dropped when the newer one is full, a candidate found in the older
     * one copied to the newer one. So a process serving several firms of more candidates than that in all reads
     * again the candidates it dropped, not every one; one firm larger than the bound is read again nearly whole at
     * each query, its candidates being listed in the same order each time. The views in it are shared by the
     * queries running at once and never changed after they are read. Null if {@code keptCandidates} is 0: nothing
     * kept, every candidate read at every query.
     */
    private final RecentlyUsed<String, AnalyticsView> kept;

    AnalyticsQueries(MongoDatabase candorDatabase, QueryClock clock) {
        this(candorDatabase, clock, KEPT_CANDIDATES);
    }

    @Autowired
    AnalyticsQueries(MongoDatabase candorDatabase, QueryClock clock,
                     @Value("${candor.query.analytics.kept-candidates:" + KEPT_CANDIDATES + "}") int keptCandidates) {
        this.views = candorDatabase.getCollection(AnalyticsProjection.ANALYTICS, RawBsonDocument.class);
        this.clock = clock;
        if (keptCandidates < 0) {
            throw new IllegalArgumentException("candor.query.analytics.kept-candidates cannot be negative, not "
                    + keptCandidates);
        }
        this.kept = keptCandidates == 0 ? null : new RecentlyUsed<>((keptCandidates + 1L) / 2, (id, view) -> 1);
    }

    /** The firm analytics view. */
    public record FirmAnalytics(String firmId, int candidates, int opportunities,
                                Map<Reason, Integer> declineReasons, DeclineReasonsByKind declineReasonsByKind,
                                Map<Reason, Integer> cancellationReasons,
                                Map<Source, Conversion> conversionBySource, TimeToOffer timeToOffer,
                                Conduct conduct, List<LongSearch> longSearches) {
    }

    /** The reasons of what the candidates turned down, by what it was. */
    public record DeclineReasonsByKind(Map<Reason, Integer> invitations, Map<Reason, Integer> offers,
                                       Map<Reason, Integer> withdrawals) {
    }

    /** Opportunities of one source, how far they got; {@code rate} is offers / opportunities. */
    public record Conversion(int opportunities, int interviewed, int offers, int accepted, Double rate) {
    }

    /** Days from the invitation to the first offer, over the opportunities that reached one. */
    public record TimeToOffer(int count, Double medianDays, Double meanDays) {
    }

    /**
     * How the candidates behaved towards employers. Notice lead times are those of cancellations and reschedules;
     * channel consistency is the share of the opportunities with a message from the candidate whose every message
     * went through the channel the invitation came by.
     */
    public record Conduct(int cancellations, int reschedules, Double medianNoticeLeadTimeHours, int lateNotices,
                          int noShows, int opportunitiesWithMessages, int opportunitiesThroughInvitationChannel,
                          Double channelConsistency) {
    }

    /** One candidate's search(es): weeks searched in all (a running search counts to now) and interviews attended. */
    public record LongSearch(String candidateId, double weeksActive, boolean searching, int interviews,
                             Double interviewsPerWeek) {
    }

    /** The firm's analytics; 404 if the firm has no registered candidate. */
    public FirmAnalytics firm(String firmId) {
        List<AnalyticsView> candidates = new ArrayList<>();
        for (AnalyticsView view : current(firmId)) {
            if (view.registered) {
                candidates.add(view);
            }
        }
        if (candidates.isEmpty()) {
            throw new QueryNotFoundException("No candidates under firm " + firmId);
        }
        return summarise(firmId, candidates, clock.now());
    }

    /** The firm's candidates as stored now, in the order listed: those whose revision was kept, the rest read. */
    private List<AnalyticsView> current(String firmId) {
        List<String> listed = new ArrayList<>();
        Map<String, AnalyticsView> current = new HashMap<>();
        List<String> toRead = new ArrayList<>();
        for (RawBsonDocument document : views.find(Filters.eq("firmId", firmId)).projection(LISTED_FIELDS)
                .batchSize(CANDIDATES_PER_REPLY)) {
            String id = document.getString("_id").getValue();
            BsonValue revision = document.get("revision");
            AnalyticsView known = kept == null ? null : kept.get(id);
            listed.add(id);
            if (known != null && revision != null && revision.isInt64()
                    && known.revision == revision.asInt64().getValue()) {
                current.put(id, known);
            } else {
                toRead.add(id);
            }
        }
        for (RawBsonDocument document : IdLookups.find(views, "_id", toRead, FIRM_FIELDS)) {
            AnalyticsView view = ViewDocuments.fromBson(document, AnalyticsView.class);
            if (firmId.equals(view.firmId)) { // as listed: a candidate's firm is set once, at registration
                current.put(view.candidateId, view);
                keep(view);
            }
        }
        List<AnalyticsView> inOrder = new ArrayList<>(listed.size());
        for (String id : listed) {
            AnalyticsView view = current.get(id);
            if (view != null) { // else gone between the list and the read
                inOrder.add(view);
            }
        }
        return inOrder;
    }

    /** How many candidates this process keeps now. */
    int keptCount() {
        return kept == null ? 0 : kept.size();
    }

    private void keep(AnalyticsView view) {
        if (view.revision == null || view.candidateId == null) {
            return;
        }
        if (kept != null) {
            kept.put(view.candidateId, view);
        }
    }

    private static FirmAnalytics summarise(String firmId, List<AnalyticsView> candidates, Instant now) {
        FirmFigures totals = new FirmFigures();
        List<LongSearch> searches = new ArrayList<>();
        for (AnalyticsView candidate : candidates) {
            totals.add(candidate.figures);
            if (!candidate.searches.isEmpty()) {
                searches.add(longSearch(candidate, candidate.figures.interviews, now));
            }
        }
        searches.sort(Comparator.comparingDouble(LongSearch::weeksActive).reversed()
                .thenComparing(LongSearch::candidateId));
        Map<Reason, Integer> declines = new EnumMap<>(Reason.class);
        for (Map<Reason, Integer> kind : List.of(totals.invitationDeclines, totals.offerDeclines, totals.withdrawals)) {
            FirmFigures.addCounts(declines, kind);
        }
        List<Double> daysToOffer = totals.secondsToOffer.stream().map(seconds -> seconds / SECONDS_PER_DAY).toList();
        List<Double> noticeHours = totals.noticeSeconds.stream().map(seconds -> seconds / SECONDS_PER_HOUR).toList();
        return new FirmAnalytics(firmId, candidates.size(), totals.opportunities, mostFrequentFirst(declines),
                new DeclineReasonsByKind(mostFrequentFirst(totals.invitationDeclines),
                        mostFrequentFirst(totals.offerDeclines), mostFrequentFirst(totals.withdrawals)),
                mostFrequentFirst(totals.cancellationReasons), conversionBySource(totals),
                new TimeToOffer(daysToOffer.size(), round(median(daysToOffer), 1), round(mean(daysToOffer), 1)),
                new Conduct(totals.cancellations, totals.reschedules, round(median(noticeHours), 1),
                        totals.lateNotices, totals.noShows, totals.withMessages, totals.throughInvitationChannel,
                        share(totals.throughInvitationChannel, totals.withMessages)),
                searches);
    }

    /** Every source, in the order of the enum, with zeros for a source the firm never had. */
    private static Map<Source, Conversion> conversionBySource(FirmFigures totals) {
        Map<Source, Conversion> conversion = new LinkedHashMap<>();
        for (Source source : Source.values()) {
            FirmFigures.SourceCounts counts = totals.bySource.getOrDefault(source, new FirmFigures.SourceCounts());
            conversion.put(source, new Conversion(counts.opportunities, counts.interviewed, counts.offers,
                    counts.accepted, share(counts.offers, counts.opportunities)));
        }
        return conversion;
    }

    private static LongSearch longSearch(AnalyticsView candidate, int interviews, Instant now) {
        long seconds = 0;
        boolean searching = false;
        for (AnalyticsView.Search search : candidate.searches) {
            Instant end = search.endedAt != null ? search.endedAt : now;
            searching |= search.endedAt == null;
            if (search.startedAt != null && end.isAfter(search.startedAt)) {
                seconds += Duration.between(search.startedAt, end).toSeconds();
            }
        }
        double weeks = seconds / SECONDS_PER_WEEK;
        return new LongSearch(candidate.candidateId, round(weeks, 1), searching, interviews,
                seconds == 0 ? null : round(interviews / weeks, 2));
    }

    /** The counts, most frequent first, then in the order of the enum. */
    private static Map<Reason, Integer> mostFrequentFirst(Map<Reason, Integer> counts) {
        Map<Reason, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<Reason, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static Double mean(List<Double> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Double share(int part, int whole) {
        return whole == 0 ? null : round((double) part / whole, 3);
    }

    private static Double round(Double value, int decimals) {
        if (value == null) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
