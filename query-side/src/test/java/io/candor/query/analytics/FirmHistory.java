package io.candor.query.analytics;

import io.candor.events.CandidateId;
import io.candor.events.Certainty;
import io.candor.events.Channel;
import io.candor.events.FirmId;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.OpportunityId;
import io.candor.events.Reason;
import io.candor.events.SearchOutcome;
import io.candor.events.Source;
import io.candor.events.candidate.CandidateEvent.CandidateRegistered;
import io.candor.events.candidate.CandidateEvent.JobSearchEnded;
import io.candor.events.candidate.CandidateEvent.JobSearchStarted;
import io.candor.events.opportunity.OpportunityEvent.InterviewAttended;
import io.candor.events.opportunity.OpportunityEvent.InterviewCancelled;
import io.candor.events.opportunity.OpportunityEvent.InterviewMissed;
import io.candor.events.opportunity.OpportunityEvent.InterviewRescheduled;
import io.candor.events.opportunity.OpportunityEvent.InterviewScheduled;
import io.candor.events.opportunity.OpportunityEvent.InvitationDeclined;
import io.candor.events.opportunity.OpportunityEvent.InvitationReceived;
import io.candor.events.opportunity.OpportunityEvent.OfferAccepted;
import io.candor.events.opportunity.OpportunityEvent.OfferDeclined;
import io.candor.events.opportunity.OpportunityEvent.OfferReceived;
import io.candor.events.opportunity.OpportunityEvent.WithdrewFromProcess;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.candor.query.support.Events.day;

/**
 * A small known history of two firms, the same for the projection test and the HTTP test, with the figures it must
 * give written beside each event. Firm A: three candidates, eight opportunities. Firm B: one candidate whose every
 * figure would show if it leaked into firm A's.
 */
final class FirmHistory {

    final FirmId firmA = FirmId.of("firm-a-" + FirmId.generate().value());
    final FirmId firmB = FirmId.of("firm-b-" + FirmId.generate().value());
    final CandidateId ann = CandidateId.generate();
    final CandidateId bob = CandidateId.generate();
    final CandidateId cleo = CandidateId.generate();
    final CandidateId dana = CandidateId.generate();
    /** Every event, each candidate's in order. */
    final List<Object> events = new ArrayList<>();

    FirmHistory() {
        // Ann, firm A: searched day 0 to day 14 (2.0 weeks), 1 interview.
        register(ann, firmA, day(0));
        OpportunityId o1 = invite(ann, Source.RECRUITER, Channel.EMAIL, day(0));
        events.add(scheduled(o1, ann, 1, day(3), Channel.EMAIL));
        events.add(attended(o1, ann, 1, day(3)));
        events.add(offer(o1, ann, day(10)));                                    // 10 days to offer
        events.add(new OfferAccepted(o1, ann, day(12)));
        OpportunityId o2 = invite(ann, Source.REFERRAL, Channel.PHONE, day(1));
        events.add(declined(o2, ann, Reason.COMMUTE, Channel.PHONE, day(1)));  // through the invitation's channel
        OpportunityId o3 = invite(ann, Source.RECRUITER, Channel.EMAIL, day(2));
        events.add(scheduled(o3, ann, 1, day(6), Channel.PHONE));
        events.add(cancelled(o3, ann, day(6), Duration.ofHours(12), Reason.ACCEPTED_OTHER_OFFER, Channel.PHONE)); // late; not the invitation's channel
        events.add(new JobSearchEnded(ann, SearchOutcome.HIRED, day(14)));

        // Bob, firm A: searched day 0 to day 28 (4.0 weeks), 3 interviews.
        register(bob, firmA, day(0));
        OpportunityId o4 = invite(bob, Source.DIRECT, Channel.EMAIL, day(0));
        events.add(scheduled(o4, bob, 1, day(2), Channel.EMAIL));
        events.add(attended(o4, bob, 1, day(2)));
        events.add(new InterviewScheduled(o4, bob, 2, day(9), Channel.EMAIL, day(3)));
        events.add(new InterviewRescheduled(o4, bob, 2, day(9), day(11), Reason.WORK_CONFLICT, null, Channel.EMAIL,
                "Could we move it to Thursday?", day(7), Duration.ofHours(48)));  // 48 h notice
        events.add(attended(o4, bob, 2, day(11)));
        events.add(offer(o4, bob, day(20)));                                    // 20 days to offer
        events.add(new OfferDeclined(o4, bob, Reason.COMPENSATION, null, Channel.EMAIL, "Thank you; I must decline.", day(22)));
        OpportunityId o5 = invite(bob, Source.RECRUITER, Channel.EMAIL, day(5));
        events.add(scheduled(o5, bob, 1, day(8), Channel.EMAIL));
        events.add(new InterviewMissed(o5, bob, 1, day(8), "overslept"));      // a no-show
        OpportunityId o6 = invite(bob, Source.NETWORK, Channel.TEXT, day(6));
        events.add(scheduled(o6, bob, 1, day(9), Channel.TEXT));
        events.add(attended(o6, bob, 1, day(9)));
        events.add(new WithdrewFromProcess(o6, bob, Reason.FIT, null, Channel.TEXT, "Thank you for your time.", day(10), 1));
        events.add(new JobSearchEnded(bob, SearchOutcome.HIRED, day(28)));

        // Cleo, firm A: searching since day 0 (still), 1 interview.
        register(cleo, firmA, day(0));
        OpportunityId o7 = invite(cleo, Source.REFERRAL, Channel.EMAIL, day(0));
        events.add(scheduled(o7, cleo, 1, day(1), Channel.EMAIL));
        events.add(attended(o7, cleo, 1, day(1)));
        events.add(offer(o7, cleo, day(3)));                                    // 3 days to offer
        events.add(offer(o7, cleo, day(5)));                                    // a revised offer: still 3 days
        OpportunityId o8 = invite(cleo, Source.RECRUITER, Channel.EMAIL, day(4));
        events.add(declined(o8, cleo, Reason.COMMUTE, Channel.EMAIL, day(4)));

        // Dana, firm B: searching since day 0 (still), and everything firm A must not count.
        register(dana, firmB, day(0));
        OpportunityId o9 = invite(dana, Source.RECRUITER, Channel.EMAIL, day(0));
        events.add(scheduled(o9, dana, 1, day(1), Channel.EMAIL));
        events.add(attended(o9, dana, 1, day(1)));
        events.add(offer(o9, dana, day(1)));
        events.add(new OfferDeclined(o9, dana, Reason.PAY_CUT, null, Channel.PHONE, "No, thank you.", day(2)));
        OpportunityId o10 = invite(dana, Source.NETWORK, Channel.EMAIL, day(2));
        events.add(scheduled(o10, dana, 1, day(5), Channel.EMAIL));
        events.add(cancelled(o10, dana, day(5), Duration.ofHours(1), Reason.ILLNESS, Channel.EMAIL));
        OpportunityId o11 = invite(dana, Source.DIRECT, Channel.EMAIL, day(3));
        events.add(scheduled(o11, dana, 1, day(6), Channel.EMAIL));
        events.add(new InterviewMissed(o11, dana, 1, day(6), null));
    }

    private void register(CandidateId candidate, FirmId firm, Instant at) {
        events.add(new CandidateRegistered(candidate, firm, "Someone", null, true, at));
        events.add(new JobSearchStarted(candidate, at));
    }

    private OpportunityId invite(CandidateId candidate, Source source, Channel channel, Instant at) {
        OpportunityId id = OpportunityId.generate();
        events.add(new InvitationReceived(id, candidate, "Company " + id.value().substring(0, 4), "Engineer", source,
                channel, at, Interest.INTERESTED, null, Set.of(), null));
        return id;
    }

    private static InterviewScheduled scheduled(OpportunityId id, CandidateId candidate, int round, Instant at, Channel channel) {
        return new InterviewScheduled(id, candidate, round, at, channel, at.minus(Duration.ofDays(1)));
    }

    private static InterviewAttended attended(OpportunityId id, CandidateId candidate, int round, Instant at) {
        return new InterviewAttended(id, candidate, round, at, List.of(), List.of(), List.of(), List.of(), Fit.GOOD);
    }

    private static OfferReceived offer(OpportunityId id, CandidateId candidate, Instant at) {
        return new OfferReceived(id, candidate, new BigDecimal("90000"), "EUR", at.plus(Duration.ofDays(7)), at);
    }

    private static InvitationDeclined declined(OpportunityId id, CandidateId candidate, Reason reason, Channel channel, Instant at) {
        return new InvitationDeclined(id, candidate, reason, null, Certainty.CERTAIN, channel, "Thank you, but no.", null,
                at, at, Duration.ZERO);
    }

    private static InterviewCancelled cancelled(OpportunityId id, CandidateId candidate, Instant scheduledFor,
                                                Duration notice, Reason reason, Channel channel) {
        Instant notifiedAt = scheduledFor.minus(notice);
        return new InterviewCancelled(id, candidate, 1, scheduledFor, reason, null, channel,
                "I am sorry to cancel. Thank you for your understanding.", notifiedAt, notifiedAt, notice, Duration.ZERO);
    }
}
