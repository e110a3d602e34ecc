package io.candor.query.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.candor.events.Channel;
import io.candor.events.Reason;
import io.candor.events.Source;
import io.candor.events.Stage;
import io.candor.query.analytics.AnalyticsView.OpportunityFacts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What opportunities add to their firm's analytics: counts, and the waits the firm's medians are taken over, in
 * whole seconds. Each candidate's document keeps the figures of their opportunities, counted again whenever the
 * candidate's facts change ({@link #of}), so that the firm query reads and sums these alone
 * ({@link AnalyticsQueries}), not every opportunity's facts and the document's applied positions, which were most of
 * what the embedded server encoded and the app decoded and mapped for each candidate.
 * <p>
 * The figures are stored as counted: a change to what they count, or how, takes a new analytics layout
 * ({@code ViewLayouts.CURRENT}), which rebuilds the view from the events at the next start. A count of zero and an
 * empty list or map are left out of the document (most candidates have no cancellation, no-show or withdrawal):
 * fewer values for the firm query to read, and read back as the zero or empty value they were.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public class FirmFigures {

    public int opportunities;
    /** Interviews attended, in all opportunities. */
    public int interviews;
    public Map<Reason, Integer> invitationDeclines = new EnumMap<>(Reason.class);
    public Map<Reason, Integer> offerDeclines = new EnumMap<>(Reason.class);
    public Map<Reason, Integer> withdrawals = new EnumMap<>(Reason.class);
    public Map<Reason, Integer> cancellationReasons = new EnumMap<>(Reason.class);
    public Map<Source, SourceCounts> bySource = new EnumMap<>(Source.class);
    /** Per opportunity with an offer not dated before its invitation: from the invitation to the first offer. */
    public List<Long> secondsToOffer = new ArrayList<>();
    /** Per cancellation and reschedule that recorded it: how long before the interview the employer was told. */
    public List<Long> noticeSeconds = new ArrayList<>();
    public int cancellations;
    public int reschedules;
    /** Notices of less than {@link AnalyticsQueries#LATE_NOTICE}. */
    public int lateNotices;
    public int noShows;
    /** Opportunities with a message from the candidate. */
    public int withMessages;
    /** Of those, the ones whose every message went through the channel of the invitation. */
    public int throughInvitationChannel;

    /** How far the opportunities of one source got. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public static class SourceCounts {
        public int opportunities;
        /** With an interview attended. */
        public int interviewed;
        public int offers;
        public int accepted;
    }

    /** The figures of {@code facts}, in their order. */
    static FirmFigures of(List<OpportunityFacts> facts) {
        FirmFigures figures = new FirmFigures();
        facts.forEach(figures::count);
        return figures;
    }

    /** Adds {@code other}'s figures to these, its waits after these ones. */
    void add(FirmFigures other) {
        opportunities += other.opportunities;
        interviews += other.interviews;
        addCounts(invitationDeclines, other.invitationDeclines);
        addCounts(offerDeclines, other.offerDeclines);
        addCounts(withdrawals, other.withdrawals);
        addCounts(cancellationReasons, other.cancellationReasons);
        other.bySource.forEach((source, counts) -> {
            SourceCounts sum = bySource.computeIfAbsent(source, s -> new SourceCounts());
            sum.opportunities += counts.opportunities;
            sum.interviewed += counts.interviewed;
            sum.offers += counts.offers;
            sum.accepted += counts.accepted;
        });
        secondsToOffer.addAll(other.secondsToOffer);
        noticeSeconds.addAll(other.noticeSeconds);
        cancellations += other.cancellations;
        reschedules += other.reschedules;
        lateNotices += other.lateNotices;
        noShows += other.noShows;
        withMessages += other.withMessages;
        throughInvitationChannel += other.throughInvitationChannel;
    }

    /** Adds the counts of {@code added} to {@code counts}, reason by reason. */
    static void addCounts(Map<Reason, Integer> counts, Map<Reason, Integer> added) {
        added.forEach((reason, count) -> counts.merge(reason, count, Integer::sum));
    }

    private void count(OpportunityFacts opportunity) {
        opportunities++;
        interviews += opportunity.interviewsAttended;
        if (opportunity.source != null) {
            SourceCounts counts = bySource.computeIfAbsent(opportunity.source, source -> new SourceCounts());
            counts.opportunities++;
            counts.interviewed += opportunity.interviewsAttended > 0 ? 1 : 0;
            counts.offers += opportunity.offeredAt != null ? 1 : 0;
            counts.accepted += opportunity.accepted ? 1 : 0;
        }
        // An offer dated before its invitation is an import error, not a negative wait: left out.
        if (opportunity.invitedAt != null && opportunity.offeredAt != null
                && !opportunity.offeredAt.isBefore(opportunity.invitedAt)) {
            secondsToOffer.add(Duration.between(opportunity.invitedAt, opportunity.offeredAt).toSeconds());
        }
        reschedules += opportunity.reschedules;
        for (Duration lead : opportunity.noticeLeadTimes) {
            noticeSeconds.add(lead.toSeconds());
            lateNotices += lead.compareTo(AnalyticsQueries.LATE_NOTICE) < 0 ? 1 : 0;
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
            case DECLINED -> invitationDeclines.merge(reason, 1, Integer::sum);
            case OFFER_DECLINED -> offerDeclines.merge(reason, 1, Integer::sum);
            case WITHDRAWN -> withdrawals.merge(reason, 1, Integer::sum);
            case CANCELLED -> cancellationReasons.merge(reason, 1, Integer::sum);
            default -> {
            }
        }
    }
}
