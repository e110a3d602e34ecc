package io.candor.query.analytics;

import io.candor.events.Channel;
import io.candor.events.Reason;
import io.candor.events.Source;
import io.candor.events.Stage;
import io.candor.query.support.AppliedPositions;
import io.candor.query.support.DerivedBeforeWrite;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One candidate's facts as the firm analytics store them: their firm, their searches, per opportunity what the
 * firm's figures count, and those figures counted ({@link FirmFigures}), which the firm query reads. Holds no
 * personal data (ids, enums, instants, durations), so erasure changes nothing here.
 */
public class AnalyticsView extends AppliedPositions implements DerivedBeforeWrite {

    public String candidateId;
    /** Null until the candidate's registration is applied; {@code independent} for a candidate without a firm. */
    public String firmId;
    public boolean registered;
    public List<Search> searches = new ArrayList<>();
    public List<OpportunityFacts> opportunities = new ArrayList<>();
    /** What {@link #opportunities} add to the firm's analytics, counted again whenever they change. */
    public FirmFigures figures = new FirmFigures();
    /**
     * A new number at each change of the document, a hash of the events applied ({@code AnalyticsProjection.revision}):
     * the firm query keeps what it read of a candidate and reads it again only when the stored number differs
     * ({@link AnalyticsQueries}). Null in a document written by a Candor from before it, which the firm query reads
     * every time, until its candidate's next event.
     */
    public Long revision;

    /** For reading a stored view back. */
    public AnalyticsView() {
    }

    /** The empty facts of a candidate not seen before. */
    public AnalyticsView(String candidateId) {
        this.candidateId = candidateId;
    }

    /** One job search; {@code endedAt} is null while it runs. */
    public static class Search {
        public Instant startedAt;
        public Instant endedAt;
    }

    /** What the analytics remember of one opportunity. */
    public static class OpportunityFacts {
        public String opportunityId;
        public Source source;
        /** The channel the employer's invitation came through. */
        public Channel invitationChannel;
        public Instant invitedAt;
        public int interviewsAttended;
        /** When the first offer came; a revised offer does not move it. */
        public Instant offeredAt;
        public boolean accepted;
        /** How it ended (DECLINED, CANCELLED, WITHDRAWN, REJECTED, OFFER_DECLINED, OFFER_ACCEPTED, MISSED); null while open. */
        public Stage ended;
        /** The candidate's reason for a DECLINED, CANCELLED, WITHDRAWN or OFFER_DECLINED end. */
        public Reason endReason;
        public int reschedules;
        /** The channel of each message the candidate sent: declines, reschedules, cancellations, withdrawals, offer declines. */
        public List<Channel> messageChannels = new ArrayList<>();
        /** How long before the interview the employer was told, per cancellation and reschedule that recorded it. */
        public List<Duration> noticeLeadTimes = new ArrayList<>();
    }

    /** The facts of {@code opportunityId}, created empty when first met. */
    /** The firm figures, counted from the facts as they are: once per batch, before the view is written. */
    @Override
    public void deriveBeforeWrite() {
        figures = FirmFigures.of(opportunities);
    }

    OpportunityFacts opportunity(String opportunityId) {
        for (OpportunityFacts opportunity : opportunities) {
            if (opportunity.opportunityId.equals(opportunityId)) {
                return opportunity;
            }
        }
        OpportunityFacts opportunity = new OpportunityFacts();
        opportunity.opportunityId = opportunityId;
        opportunities.add(opportunity);
        return opportunity;
    }
}
