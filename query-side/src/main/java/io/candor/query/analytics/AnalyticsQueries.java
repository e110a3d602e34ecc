package io.candor.query.analytics;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.candor.events.Channel;
import io.candor.events.Reason;
import io.candor.events.Source;
import io.candor.events.Stage;
import io.candor.query.analytics.AnalyticsView.OpportunityFacts;
import io.candor.query.support.QueryClock;
import io.candor.query.support.QueryNotFoundException;
import io.candor.query.support.ViewDocuments;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A firm's analytics, summed when read over the documents of the firm's candidates: one query, an equality on
 * {@code firmId}, indexed on MongoDB, a scan of the collection on the embedded server. Whole documents: on the
 * embedded server, leaving out the applied positions by a projection cost more than reading them (measured at
 * 2,000 candidates: 95 to 120 ms against 60 ms).
 */
@Component
public class AnalyticsQueries {

    /** A cancellation or reschedule with less notice than this is late: the contacts view's LATE_NOTICE. */
    static final Duration LATE_NOTICE = Duration.ofHours(24);

    private static final double SECONDS_PER_HOUR = 3_600;
    private static final double SECONDS_PER_DAY = 86_400;
    private static final double SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY;

    private final MongoCollection<Document> views;
    private final QueryClock clock;

    AnalyticsQueries(MongoDatabase candorDatabase, QueryClock clock) {
        this.views = candorDatabase.getCollection(AnalyticsProjection.ANALYTICS);
        this.clock = clock;
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
        for (Document document : views.find(Filters.eq("firmId", firmId)).batchSize(ViewDocuments.MANY_PER_REPLY)) {
            AnalyticsView view = ViewDocuments.fromDocument(document, AnalyticsView.class);
            if (view.registered) {
                candidates.add(view);
            }
        }
        if (candidates.isEmpty()) {
            throw new QueryNotFoundException("No candidates under firm " + firmId);
        }
        return summarise(firmId, candidates, clock.now());
    }

    private static FirmAnalytics summarise(String firmId, List<AnalyticsView> candidates, Instant now) {
        Totals totals = new Totals();
        List<LongSearch> searches = new ArrayList<>();
        for (AnalyticsView candidate : candidates) {
            int interviews = 0;
            for (OpportunityFacts opportunity : candidate.opportunities) {
                totals.add(opportunity);
                interviews += opportunity.interviewsAttended;
            }
            if (!candidate.searches.isEmpty()) {
                searches.add(longSearch(candidate, interviews, now));
            }
        }
        searches.sort(Comparator.comparingDouble(LongSearch::weeksActive).reversed()
                .thenComparing(LongSearch::candidateId));
        return new FirmAnalytics(firmId, candidates.size(), totals.opportunities, mostFrequentFirst(totals.declines),
                new DeclineReasonsByKind(mostFrequentFirst(totals.invitationDeclines),
                        mostFrequentFirst(totals.offerDeclines), mostFrequentFirst(totals.withdrawals)),
                mostFrequentFirst(totals.cancellationReasons), totals.conversionBySource(),
                new TimeToOffer(totals.daysToOffer.size(), round(median(totals.daysToOffer), 1),
                        round(mean(totals.daysToOffer), 1)),
                new Conduct(totals.cancellations, totals.reschedules, round(median(totals.noticeHours), 1),
                        totals.lateNotices, totals.noShows, totals.withMessages, totals.throughInvitationChannel,
                        share(totals.throughInvitationChannel, totals.withMessages)),
                searches);
    }

    /** The firm's opportunities counted as they are read. */
    private static final class Totals {
        final Map<Reason, Integer> invitationDeclines = new EnumMap<>(Reason.class);
        final Map<Reason, Integer> offerDeclines = new EnumMap<>(Reason.class);
        final Map<Reason, Integer> withdrawals = new EnumMap<>(Reason.class);
        /** The three above together: what the candidates turned down. */
        final Map<Reason, Integer> declines = new EnumMap<>(Reason.class);
        final Map<Reason, Integer> cancellationReasons = new EnumMap<>(Reason.class);
        /** Per source: opportunities, interviewed, offers, accepted. */
        final Map<Source, int[]> bySource = new EnumMap<>(Source.class);
        final List<Double> daysToOffer = new ArrayList<>();
        final List<Double> noticeHours = new ArrayList<>();
        int opportunities;
        int cancellations;
        int reschedules;
        int lateNotices;
        int noShows;
        int withMessages;
        int throughInvitationChannel;

        void add(OpportunityFacts opportunity) {
            opportunities++;
            if (opportunity.source != null) {
                int[] counts = bySource.computeIfAbsent(opportunity.source, source -> new int[4]);
                counts[0]++;
                counts[1] += opportunity.interviewsAttended > 0 ? 1 : 0;
                counts[2] += opportunity.offeredAt != null ? 1 : 0;
                counts[3] += opportunity.accepted ? 1 : 0;
            }
            // An offer dated before its invitation is an import error, not a negative wait: left out.
            if (opportunity.invitedAt != null && opportunity.offeredAt != null
                    && !opportunity.offeredAt.isBefore(opportunity.invitedAt)) {
                daysToOffer.add(Duration.between(opportunity.invitedAt, opportunity.offeredAt).toSeconds() / SECONDS_PER_DAY);
            }
            reschedules += opportunity.reschedules;
            for (Duration lead : opportunity.noticeLeadTimes) {
                noticeHours.add(lead.toSeconds() / SECONDS_PER_HOUR);
                lateNotices += lead.compareTo(LATE_NOTICE) < 0 ? 1 : 0;
            }
            if (!opportunity.messageChannels.isEmpty()) {
                withMessages++;
                Channel invitation = opportunity.invitationChannel;
                throughInvitationChannel += opportunity.messageChannels.stream().allMatch(c -> c == invitation) ? 1 : 0;
            }
            ended(opportunity.ended, opportunity.endReason);
        }

        private void ended(Stage ended, Reason reason) {
            if (ended == Stage.CANCELLED) {
                cancellations++;
            } else if (ended == Stage.MISSED) {
                noShows++;
            }
            if (ended == null || reason == null) {
                return;
            }
            switch (ended) {
                case DECLINED -> count(invitationDeclines, reason);
                case OFFER_DECLINED -> count(offerDeclines, reason);
                case WITHDRAWN -> count(withdrawals, reason);
                case CANCELLED -> count(cancellationReasons, reason);
                default -> {
                    return;
                }
            }
            if (ended != Stage.CANCELLED) {
                count(declines, reason);
            }
        }

        /** Every source, in the order of the enum, with zeros for a source the firm never had. */
        Map<Source, Conversion> conversionBySource() {
            Map<Source, Conversion> conversion = new LinkedHashMap<>();
            for (Source source : Source.values()) {
                int[] counts = bySource.getOrDefault(source, new int[4]);
                conversion.put(source, new Conversion(counts[0], counts[1], counts[2], counts[3],
                        share(counts[2], counts[0])));
            }
            return conversion;
        }
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

    private static void count(Map<Reason, Integer> counts, Reason reason) {
        counts.merge(reason, 1, Integer::sum);
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
