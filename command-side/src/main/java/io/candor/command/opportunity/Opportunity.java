package io.candor.command.opportunity;

import io.candor.command.candidate.Candidates;
import io.candor.command.opportunity.OpportunityCommand.AcceptOffer;
import io.candor.command.opportunity.OpportunityCommand.AddNote;
import io.candor.command.opportunity.OpportunityCommand.CancelInterview;
import io.candor.command.opportunity.OpportunityCommand.DeclineInvitation;
import io.candor.command.opportunity.OpportunityCommand.DeclineOffer;
import io.candor.command.opportunity.OpportunityCommand.ProposeAlternativePosition;
import io.candor.command.opportunity.OpportunityCommand.RecordContact;
import io.candor.command.opportunity.OpportunityCommand.RecordInterviewAttended;
import io.candor.command.opportunity.OpportunityCommand.RecordInterviewMissed;
import io.candor.command.opportunity.OpportunityCommand.RecordInvitation;
import io.candor.command.opportunity.OpportunityCommand.RecordLesson;
import io.candor.command.opportunity.OpportunityCommand.RecordOffer;
import io.candor.command.opportunity.OpportunityCommand.RecordRejection;
import io.candor.command.opportunity.OpportunityCommand.RescheduleInterview;
import io.candor.command.opportunity.OpportunityCommand.ScheduleInterview;
import io.candor.command.opportunity.OpportunityCommand.WithdrawFromProcess;
import io.candor.command.rules.InvalidCommandException;
import io.candor.command.rules.MessagePolicy;
import io.candor.command.rules.Rule;
import io.candor.events.CandidateId;
import io.candor.events.Channel;
import io.candor.events.CompanySignal;
import io.candor.events.Interest;
import io.candor.events.OpportunityId;
import io.candor.events.Reason;
import io.candor.events.Source;
import io.candor.events.Stage;
import io.candor.events.opportunity.OpportunityEvent.AlternativePositionProposed;
import io.candor.events.opportunity.OpportunityEvent.ContactMet;
import io.candor.events.opportunity.OpportunityEvent.InterviewAttended;
import io.candor.events.opportunity.OpportunityEvent.InterviewCancelled;
import io.candor.events.opportunity.OpportunityEvent.InterviewMissed;
import io.candor.events.opportunity.OpportunityEvent.InterviewRescheduled;
import io.candor.events.opportunity.OpportunityEvent.InterviewScheduled;
import io.candor.events.opportunity.OpportunityEvent.InvitationDeclined;
import io.candor.events.opportunity.OpportunityEvent.InvitationReceived;
import io.candor.events.opportunity.OpportunityEvent.LessonRecorded;
import io.candor.events.opportunity.OpportunityEvent.NoteAdded;
import io.candor.events.opportunity.OpportunityEvent.OfferAccepted;
import io.candor.events.opportunity.OpportunityEvent.OfferDeclined;
import io.candor.events.opportunity.OpportunityEvent.OfferReceived;
import io.candor.events.opportunity.OpportunityEvent.RejectionReceived;
import io.candor.events.opportunity.OpportunityEvent.WithdrewFromProcess;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.candor.command.rules.Rule.ACCEPTABLE_CANCEL_REASON;
import static io.candor.command.rules.Rule.ATTEND_ONLY_SCHEDULED;
import static io.candor.command.rules.Rule.CANCEL_ONLY_SCHEDULED;
import static io.candor.command.rules.Rule.DECLINE_ONLY_BEFORE_AGREEING;
import static io.candor.command.rules.Rule.ENDED_IS_FINAL;
import static io.candor.command.rules.Rule.INTERVIEW_ALREADY_SCHEDULED;
import static io.candor.command.rules.Rule.NO_BAILING_MID_INTERVIEW;
import static io.candor.command.rules.Rule.NO_DEROGATORY_REMARKS;
import static io.candor.command.rules.Rule.OFFER_DECIDED_ONCE;
import static io.candor.command.rules.Rule.OFFER_IS_OPEN;
import static io.candor.command.rules.Rule.OFFER_NEEDS_INTERVIEW;
import static io.candor.command.rules.Rule.OTHER_OFFER_MUST_EXIST;
import static io.candor.command.rules.Rule.REASON_REQUIRED;
import static io.candor.command.rules.Rule.SAME_CHANNEL;
import static io.candor.command.rules.Rule.WITHDRAW_WITH_THANKS;
import static io.candor.command.rules.RuleViolation.refuseIf;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * One company and role for one candidate, from the invitation to its end. Every rule of the table in PRODUCT.md
 * that concerns an opportunity is decided here, in the command handlers; the event sourcing handlers only
 * remember what the next decision needs: the stage, the current round and its time, the channel agreed so far,
 * and how many interviews were attended.
 */
@Aggregate(cache = "opportunityCache")
class Opportunity {

    /** ACCEPTABLE_CANCEL_REASON: the reasons the seeds accept for calling off an agreed interview. */
    static final Set<Reason> ACCEPTABLE_CANCEL_REASONS = EnumSet.of(Reason.ILLNESS, Reason.FAMILY_EMERGENCY,
            Reason.WORK_CONFLICT, Reason.ACCEPTED_OTHER_OFFER, Reason.COMMUTE, Reason.PAY_CUT,
            Reason.LOSS_OF_BENEFITS);

    @AggregateIdentifier
    private OpportunityId id;
    private CandidateId candidateId;
    private String company;
    private Source source;
    private Interest interest;
    private Set<CompanySignal> companySignals;
    private Channel channel;
    private Stage stage;
    private int round;
    private Instant scheduledFor;
    private int interviewsAttended;

    /** Axon rebuilds the aggregate from its events, starting from this empty instance. */
    Opportunity() {
    }

    @CommandHandler
    Opportunity(RecordInvitation command, Candidates candidates) {
        candidates.requireNotErased(command.candidateId());
        apply(new InvitationReceived(command.opportunityId(), command.candidateId(), command.company(),
                command.role(), command.source(), command.channel(), command.receivedAt(), command.interest(),
                command.referrer(), signals(command.companySignals()), null));
    }

    /** The opportunity that an employer's proposal of another position opens. */
    private Opportunity(InvitationReceived linkedInvitation) {
        apply(linkedInvitation);
    }

    @CommandHandler
    int handle(ScheduleInterview command) {
        refuseIfEnded();
        refuseIf(stage == Stage.OFFERED, OFFER_IS_OPEN);
        refuseIf(stage == Stage.SCHEDULED, INTERVIEW_ALREADY_SCHEDULED);
        int next = round + 1;
        apply(new InterviewScheduled(id, candidateId, next, command.scheduledFor(), command.channel(),
                command.agreedAt()));
        return next;
    }

    @CommandHandler
    void handle(RescheduleInterview command, AcceptedOffers acceptedOffers, MessagePolicy policy) {
        refuseUnlessScheduled(command.round(), CANCEL_ONLY_SCHEDULED);
        refuseIfInterviewStarted(command.notifiedAt());
        checkMessage(command.channel(), command.reason(), command.explanation(), command.message(),
                acceptedOffers, policy);
        apply(new InterviewRescheduled(id, candidateId, round, scheduledFor, command.scheduledFor(),
                command.reason(), command.explanation(), command.channel(), command.message(),
                command.notifiedAt(), Duration.between(command.notifiedAt(), scheduledFor)));
    }

    @CommandHandler
    void handle(CancelInterview command, AcceptedOffers acceptedOffers, MessagePolicy policy) {
        requireNoticeAfterDecision(command.decidedAt(), command.notifiedAt());
        refuseUnlessScheduled(command.round(), CANCEL_ONLY_SCHEDULED);
        refuseIfInterviewStarted(command.notifiedAt());
        refuseIf(command.reason() != null && !ACCEPTABLE_CANCEL_REASONS.contains(command.reason()),
                ACCEPTABLE_CANCEL_REASON);
        checkMessage(command.channel(), command.reason(), command.explanation(), command.message(),
                acceptedOffers, policy);
        apply(new InterviewCancelled(id, candidateId, round, scheduledFor, command.reason(), command.explanation(),
                command.channel(), command.message(), command.decidedAt(), command.notifiedAt(),
                Duration.between(command.notifiedAt(), scheduledFor),
                Duration.between(command.decidedAt(), command.notifiedAt())));
    }

    @CommandHandler
    void handle(RecordInterviewAttended command) {
        refuseIfEnded();
        refuseUnlessScheduled(command.round(), ATTEND_ONLY_SCHEDULED);
        apply(new InterviewAttended(id, candidateId, round, command.attendedAt(), listOf(command.interviewers()),
                listOf(command.questions()), listOf(command.resumeClarifications()), listOf(command.insights()),
                command.fit()));
    }

    @CommandHandler
    void handle(RecordInterviewMissed command) {
        refuseIfEnded();
        refuseUnlessScheduled(command.round(), ATTEND_ONLY_SCHEDULED);
        apply(new InterviewMissed(id, candidateId, round, scheduledFor, command.explanation()));
    }

    @CommandHandler
    void handle(DeclineInvitation command, AcceptedOffers acceptedOffers, MessagePolicy policy) {
        requireNoticeAfterDecision(command.decidedAt(), command.notifiedAt());
        refuseIfEnded();
        refuseIf(stage != Stage.INVITED, DECLINE_ONLY_BEFORE_AGREEING);
        checkMessage(command.channel(), command.reason(), command.explanation(), command.message(),
                acceptedOffers, policy);
        apply(new InvitationDeclined(id, candidateId, command.reason(), command.explanation(), command.certainty(),
                command.channel(), command.message(), command.referredCandidate(), command.decidedAt(),
                command.notifiedAt(), Duration.between(command.decidedAt(), command.notifiedAt())));
    }

    @CommandHandler
    void handle(WithdrawFromProcess command, AcceptedOffers acceptedOffers, MessagePolicy policy) {
        refuseIfEnded();
        refuseIf(stage == Stage.OFFERED, OFFER_IS_OPEN);
        refuseIf(interviewsAttended == 0 || !MessagePolicy.thanks(command.message()), WITHDRAW_WITH_THANKS);
        checkMessage(command.channel(), command.reason(), command.explanation(), command.message(),
                acceptedOffers, policy);
        apply(new WithdrewFromProcess(id, candidateId, command.reason(), command.explanation(), command.channel(),
                command.message(), command.withdrawnAt(), interviewsAttended));
    }

    @CommandHandler
    void handle(RecordRejection command) {
        refuseIfEnded();
        apply(new RejectionReceived(id, candidateId, command.feedback(), command.rejectedAt()));
    }

    /** A second offer while one is open replaces it: the employer revised the offer. */
    @CommandHandler
    void handle(RecordOffer command) {
        refuseIfEnded();
        refuseIf(interviewsAttended == 0, OFFER_NEEDS_INTERVIEW);
        apply(new OfferReceived(id, candidateId, command.salary(), command.currency(), command.respondBy(),
                command.receivedAt()));
    }

    @CommandHandler
    void handle(DeclineOffer command, AcceptedOffers acceptedOffers, MessagePolicy policy) {
        refuseUnlessOfferOpen();
        checkMessage(command.channel(), command.reason(), command.explanation(), command.message(),
                acceptedOffers, policy);
        apply(new OfferDeclined(id, candidateId, command.reason(), command.explanation(), command.channel(),
                command.message(), command.declinedAt()));
    }

    @CommandHandler
    void handle(AcceptOffer command) {
        refuseUnlessOfferOpen();
        apply(new OfferAccepted(id, candidateId, command.acceptedAt()));
    }

    /** Records the proposal here and, in the same unit of work, opens the linked opportunity. */
    @CommandHandler
    OpportunityId handle(ProposeAlternativePosition command) throws Exception {
        refuseIfEnded();
        apply(new AlternativePositionProposed(id, candidateId, command.newOpportunityId(), command.role(),
                command.proposedAt()));
        InvitationReceived linked = new InvitationReceived(command.newOpportunityId(), candidateId, company,
                command.role(), source, channel, command.proposedAt(), interest, null, companySignals, id);
        createNew(Opportunity.class, () -> new Opportunity(linked));
        return command.newOpportunityId();
    }

    @CommandHandler
    void handle(RecordLesson command) {
        apply(new LessonRecorded(id, candidateId, command.category(), command.text(), command.learnedAt()));
    }

    @CommandHandler
    void handle(RecordContact command) {
        apply(new ContactMet(id, candidateId, command.contact(), command.title(), command.role(), command.metAt(),
                command.note()));
    }

    @CommandHandler
    void handle(AddNote command) {
        apply(new NoteAdded(id, candidateId, command.text(), command.notedAt()));
    }

    // ---- the rules, by their codes ----

    /** ENDED_IS_FINAL: an ended opportunity takes no more pipeline commands. */
    private void refuseIfEnded() {
        refuseIf(stage.isEnded(), ENDED_IS_FINAL);
    }

    /** CANCEL_ONLY_SCHEDULED (or ATTEND_ONLY_SCHEDULED): the round named is the one scheduled now. */
    private void refuseUnlessScheduled(int requestedRound, Rule rule) {
        refuseIf(stage != Stage.SCHEDULED || requestedRound != round, rule);
    }

    /** NO_BAILING_MID_INTERVIEW: once the start time has come, see it through instead. */
    private void refuseIfInterviewStarted(Instant notifiedAt) {
        refuseIf(!notifiedAt.isBefore(scheduledFor), NO_BAILING_MID_INTERVIEW);
    }

    /** OFFER_DECIDED_ONCE, with ENDED_IS_FINAL for an opportunity that ended some other way. */
    private void refuseUnlessOfferOpen() {
        refuseIf(stage == Stage.OFFER_ACCEPTED || stage == Stage.OFFER_DECLINED, OFFER_DECIDED_ONCE);
        refuseIfEnded();
        refuseIf(stage != Stage.OFFERED, OFFER_DECIDED_ONCE);
    }

    /**
     * What every message to the employer must respect: SAME_CHANNEL, REASON_REQUIRED, NO_DEROGATORY_REMARKS and
     * OTHER_OFFER_MUST_EXIST (looked up last, being the only rule that asks outside this aggregate).
     * <p>
     * A race between this lookup and an {@code OfferAccepted} on a sibling opportunity is harmless: the lookup is
     * only ever added to and an acceptance is final, so a race can only refuse a cancellation that would have been
     * allowed a moment later, never allow one that should have been refused.
     */
    private void checkMessage(Channel used, Reason reason, String explanation, String message,
                              AcceptedOffers acceptedOffers, MessagePolicy policy) {
        refuseIf(used != channel, SAME_CHANNEL);
        refuseIf(reason == null || reason == Reason.OTHER && isBlank(explanation), REASON_REQUIRED);
        refuseIf(policy.isDerogatory(message) || policy.isDerogatory(explanation), NO_DEROGATORY_REMARKS);
        refuseIf(reason == Reason.ACCEPTED_OTHER_OFFER && !acceptedOffers.acceptedElsewhere(candidateId, id),
                OTHER_OFFER_MUST_EXIST);
    }

    /** Not a rule but nonsense: telling the employer before deciding. A 400 on {@code notifiedAt}. */
    private static void requireNoticeAfterDecision(Instant decidedAt, Instant notifiedAt) {
        if (notifiedAt.isBefore(decidedAt)) {
            throw new InvalidCommandException("notifiedAt", "must not be before decidedAt");
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static <T> List<T> listOf(List<T> items) {
        return items == null ? List.of() : List.copyOf(items);
    }

    private static Set<CompanySignal> signals(Set<CompanySignal> signals) {
        return signals == null || signals.isEmpty() ? Set.of() : Set.copyOf(signals);
    }

    // ---- state: assignments only ----

    @EventSourcingHandler
    void on(InvitationReceived event) {
        id = event.opportunityId();
        candidateId = event.candidateId();
        company = event.company();
        source = event.source();
        interest = event.interest();
        companySignals = event.companySignals();
        channel = event.channel();
        stage = Stage.INVITED;
    }

    @EventSourcingHandler
    void on(InterviewScheduled event) {
        stage = Stage.SCHEDULED;
        round = event.round();
        scheduledFor = event.scheduledFor();
        channel = event.channel();
    }

    /** The channel stays: SAME_CHANNEL made the reschedule go through the one agreed. */
    @EventSourcingHandler
    void on(InterviewRescheduled event) {
        scheduledFor = event.scheduledFor();
    }

    @EventSourcingHandler
    void on(InterviewAttended event) {
        stage = Stage.ATTENDED;
        interviewsAttended++;
    }

    @EventSourcingHandler
    void on(InterviewCancelled event) {
        stage = Stage.CANCELLED;
    }

    @EventSourcingHandler
    void on(InterviewMissed event) {
        stage = Stage.MISSED;
    }

    @EventSourcingHandler
    void on(InvitationDeclined event) {
        stage = Stage.DECLINED;
    }

    @EventSourcingHandler
    void on(WithdrewFromProcess event) {
        stage = Stage.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(RejectionReceived event) {
        stage = Stage.REJECTED;
    }

    @EventSourcingHandler
    void on(OfferReceived event) {
        stage = Stage.OFFERED;
    }

    @EventSourcingHandler
    void on(OfferDeclined event) {
        stage = Stage.OFFER_DECLINED;
    }

    @EventSourcingHandler
    void on(OfferAccepted event) {
        stage = Stage.OFFER_ACCEPTED;
    }
}
