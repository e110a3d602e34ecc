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
import io.candor.command.opportunity.OpportunityCommand.RecordLesson;
import io.candor.command.opportunity.OpportunityCommand.RecordOffer;
import io.candor.command.opportunity.OpportunityCommand.RecordRejection;
import io.candor.command.opportunity.OpportunityCommand.RescheduleInterview;
import io.candor.command.opportunity.OpportunityCommand.ScheduleInterview;
import io.candor.command.opportunity.OpportunityCommand.WithdrawFromProcess;
import io.candor.command.rules.MessagePolicy;
import io.candor.events.Certainty;
import io.candor.events.Channel;
import io.candor.events.ContactRole;
import io.candor.events.LessonCategory;
import io.candor.events.Person;
import io.candor.events.Reason;
import io.candor.events.opportunity.OpportunityEvent.ContactMet;
import io.candor.events.opportunity.OpportunityEvent.InterviewCancelled;
import io.candor.events.opportunity.OpportunityEvent.InterviewMissed;
import io.candor.events.opportunity.OpportunityEvent.InterviewRescheduled;
import io.candor.events.opportunity.OpportunityEvent.InterviewScheduled;
import io.candor.events.opportunity.OpportunityEvent.InvitationDeclined;
import io.candor.events.opportunity.OpportunityEvent.LessonRecorded;
import io.candor.events.opportunity.OpportunityEvent.NoteAdded;
import io.candor.events.opportunity.OpportunityEvent.OfferAccepted;
import io.candor.events.opportunity.OpportunityEvent.OfferDeclined;
import io.candor.events.opportunity.OpportunityEvent.OfferReceived;
import io.candor.events.opportunity.OpportunityEvent.RejectionReceived;
import io.candor.events.opportunity.OpportunityEvent.WithdrewFromProcess;
import io.candor.events.opportunity.OpportunityEvent.InterviewAttended;
import io.candor.events.Fit;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.candor.command.opportunity.OpportunityFixtures.CANDIDATE;
import static io.candor.command.opportunity.OpportunityFixtures.INTERVIEW;
import static io.candor.command.opportunity.OpportunityFixtures.OPPORTUNITY;
import static io.candor.command.opportunity.OpportunityFixtures.OTHER_CANDIDATE;
import static io.candor.command.opportunity.OpportunityFixtures.OTHER_OPPORTUNITY;
import static io.candor.command.opportunity.OpportunityFixtures.RECEIVED;
import static io.candor.command.opportunity.OpportunityFixtures.THANKS;
import static io.candor.command.opportunity.OpportunityFixtures.attended;
import static io.candor.command.opportunity.OpportunityFixtures.hoursBeforeInterview;
import static io.candor.command.opportunity.OpportunityFixtures.invited;
import static io.candor.command.opportunity.OpportunityFixtures.invitedThrough;
import static io.candor.command.opportunity.OpportunityFixtures.offered;
import static io.candor.command.opportunity.OpportunityFixtures.refusedWith;
import static io.candor.command.opportunity.OpportunityFixtures.scheduled;
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

/** Every rule of the opportunity, refusing and allowing, told through the aggregate test fixture. */
class OpportunityRulesTest {

    private static final String POLITE = "Thank you for your interest; I must cancel our interview.";

    private InMemoryAcceptedOffers acceptedOffers;
    private FixtureConfiguration<Opportunity> fixture;

    @BeforeEach
    void setUp() {
        acceptedOffers = new InMemoryAcceptedOffers();
        fixture = new AggregateTestFixture<>(Opportunity.class)
                .registerInjectableResource(acceptedOffers)
                .registerInjectableResource(new MessagePolicy(List.of("joke", "clowns", "waste of time")))
                .registerInjectableResource((Candidates) candidate -> {
                });
    }

    private static CancelInterview cancel(Reason reason, Channel channel, String message, Instant notifiedAt) {
        return new CancelInterview(OPPORTUNITY, 1, reason, null, channel, message, notifiedAt, notifiedAt);
    }

    private static CancelInterview cancelByEmail(Reason reason) {
        return cancel(reason, Channel.EMAIL, POLITE, hoursBeforeInterview(48));
    }

    private static InterviewCancelled cancelledByEmail(Reason reason) {
        Instant notified = hoursBeforeInterview(48);
        return new InterviewCancelled(OPPORTUNITY, CANDIDATE, 1, INTERVIEW, reason, null, Channel.EMAIL, POLITE,
                notified, notified, Duration.ofHours(48), Duration.ZERO);
    }

    private static DeclineInvitation decline(Reason reason, Channel channel, String message) {
        return new DeclineInvitation(OPPORTUNITY, reason, null, Certainty.CERTAIN, channel, message, null,
                RECEIVED, RECEIVED);
    }

    private static WithdrawFromProcess withdraw(Channel channel, String message) {
        return new WithdrawFromProcess(OPPORTUNITY, Reason.FIT, null, channel, message, INTERVIEW.plusSeconds(7200));
    }

    private static DeclineOffer declineOffer(Reason reason, Channel channel) {
        return new DeclineOffer(OPPORTUNITY, reason, null, channel, "Thank you for the offer; I must decline.",
                INTERVIEW.plus(Duration.ofDays(2)));
    }

    @Nested
    class DeclineOnlyBeforeAgreeing {

        @Test
        void decline_isRefused_onceAnInterviewIsScheduled() {
            refusedWith(fixture.given(invited(), scheduled(1))
                    .when(decline(Reason.FIT, Channel.EMAIL, "No, thank you.")), DECLINE_ONLY_BEFORE_AGREEING);
        }

        @Test
        void decline_isRefused_afterAnInterviewWasAttended() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1))
                    .when(decline(Reason.FIT, Channel.EMAIL, "No, thank you.")), DECLINE_ONLY_BEFORE_AGREEING);
        }

        @Test
        void decline_withNoticeBeforeTheDecision_isInvalidInput() {
            fixture.given(invited())
                    .when(new DeclineInvitation(OPPORTUNITY, Reason.FIT, null, Certainty.CERTAIN, Channel.EMAIL,
                            "No, thank you.", null, RECEIVED.plusSeconds(60), RECEIVED))
                    .expectException(io.candor.command.rules.InvalidCommandException.class)
                    .expectExceptionMessage("must not be before decidedAt")
                    .expectNoEvents();
        }

        @Test
        void decline_isRecorded_whileTheInvitationIsOnlyReceived() {
            fixture.given(invited())
                    .when(decline(Reason.FIT, Channel.EMAIL, "No, thank you."))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new InvitationDeclined(OPPORTUNITY, CANDIDATE, Reason.FIT, null, Certainty.CERTAIN,
                            Channel.EMAIL, "No, thank you.", null, RECEIVED, RECEIVED, Duration.ZERO));
        }
    }

    @Nested
    class CancelOnlyScheduled {

        @Test
        void cancel_isRefused_whenNoInterviewIsScheduled() {
            refusedWith(fixture.given(invited()).when(cancelByEmail(Reason.ILLNESS)), CANCEL_ONLY_SCHEDULED);
        }

        @Test
        void cancel_isRefused_afterTheInterviewWasAttended() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1)).when(cancelByEmail(Reason.ILLNESS)),
                    CANCEL_ONLY_SCHEDULED);
        }

        @Test
        void cancel_isRefused_forARoundOtherThanTheScheduledOne() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1), scheduled(2))
                    .when(cancelByEmail(Reason.ILLNESS)), CANCEL_ONLY_SCHEDULED);
        }

        @Test
        void cancel_isRefused_onceTheOpportunityEnded() {
            refusedWith(fixture.given(invited(), scheduled(1), cancelledByEmail(Reason.ILLNESS))
                    .when(cancelByEmail(Reason.ILLNESS)), CANCEL_ONLY_SCHEDULED);
        }

        @Test
        void reschedule_isRefused_whenNoInterviewIsScheduled() {
            refusedWith(fixture.given(invited()).when(new RescheduleInterview(OPPORTUNITY, 1, INTERVIEW,
                    Reason.ILLNESS, null, Channel.EMAIL, POLITE, RECEIVED)), CANCEL_ONLY_SCHEDULED);
        }

        @Test
        void reschedule_isRefused_forARoundOtherThanTheScheduledOne() {
            refusedWith(fixture.given(invited(), scheduled(1)).when(new RescheduleInterview(OPPORTUNITY, 2,
                    INTERVIEW, Reason.ILLNESS, null, Channel.EMAIL, POLITE, RECEIVED)), CANCEL_ONLY_SCHEDULED);
        }

        @Test
        void cancel_isRecorded_forTheScheduledRound_withItsLeadTimeAndDelay() {
            Instant decided = hoursBeforeInterview(50);
            Instant notified = hoursBeforeInterview(48);
            fixture.given(invited(), scheduled(1))
                    .when(new CancelInterview(OPPORTUNITY, 1, Reason.ILLNESS, null, Channel.EMAIL, POLITE,
                            decided, notified))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new InterviewCancelled(OPPORTUNITY, CANDIDATE, 1, INTERVIEW, Reason.ILLNESS, null,
                            Channel.EMAIL, POLITE, decided, notified, Duration.ofHours(48), Duration.ofHours(2)));
        }

        @Test
        void cancel_ofTheSecondRound_isRecordedForThatRound() {
            Instant second = INTERVIEW.plus(Duration.ofDays(7));
            Instant notified = INTERVIEW.plus(Duration.ofDays(1));
            fixture.given(invited(), scheduled(1), attended(1), scheduled(2, second, Channel.EMAIL))
                    .when(new CancelInterview(OPPORTUNITY, 2, Reason.ILLNESS, null, Channel.EMAIL, POLITE,
                            notified, notified))
                    .expectEvents(new InterviewCancelled(OPPORTUNITY, CANDIDATE, 2, second, Reason.ILLNESS, null,
                            Channel.EMAIL, POLITE, notified, notified, Duration.ofDays(6), Duration.ZERO));
        }

        @Test
        void cancel_withNoticeBeforeTheDecision_isInvalidInput() {
            fixture.given(invited(), scheduled(1))
                    .when(new CancelInterview(OPPORTUNITY, 1, Reason.ILLNESS, null, Channel.EMAIL, POLITE,
                            hoursBeforeInterview(10), hoursBeforeInterview(11)))
                    .expectException(io.candor.command.rules.InvalidCommandException.class)
                    .expectExceptionMessage("must not be before decidedAt")
                    .expectNoEvents();
        }
    }

    @Nested
    class NoBailingMidInterview {

        @Test
        void cancel_isRefused_atTheInterviewsStartTime() {
            refusedWith(fixture.given(invited(), scheduled(1))
                    .when(cancel(Reason.ILLNESS, Channel.EMAIL, POLITE, INTERVIEW)), NO_BAILING_MID_INTERVIEW);
        }

        @Test
        void cancel_isRefused_afterTheInterviewStarted() {
            refusedWith(fixture.given(invited(), scheduled(1))
                            .when(cancel(Reason.ILLNESS, Channel.EMAIL, POLITE, INTERVIEW.plusSeconds(600))),
                    NO_BAILING_MID_INTERVIEW);
        }

        @Test
        void cancel_isAllowed_aSecondBeforeTheStart_andRecordsThatLeadTime() {
            Instant notified = INTERVIEW.minusSeconds(1);
            fixture.given(invited(), scheduled(1))
                    .when(cancel(Reason.ILLNESS, Channel.EMAIL, POLITE, notified))
                    .expectEvents(new InterviewCancelled(OPPORTUNITY, CANDIDATE, 1, INTERVIEW, Reason.ILLNESS, null,
                            Channel.EMAIL, POLITE, notified, notified, Duration.ofSeconds(1), Duration.ZERO));
        }

        @Test
        void reschedule_isRefused_afterTheInterviewStarted() {
            refusedWith(fixture.given(invited(), scheduled(1)).when(new RescheduleInterview(OPPORTUNITY, 1,
                    INTERVIEW.plus(Duration.ofDays(1)), Reason.ILLNESS, null, Channel.EMAIL, POLITE, INTERVIEW)),
                    NO_BAILING_MID_INTERVIEW);
        }

        @Test
        void reschedule_isRecorded_beforeTheStart_withItsLeadTime() {
            Instant later = INTERVIEW.plus(Duration.ofDays(1));
            Instant notified = hoursBeforeInterview(24);
            fixture.given(invited(), scheduled(1))
                    .when(new RescheduleInterview(OPPORTUNITY, 1, later, Reason.WORK_CONFLICT, null, Channel.EMAIL,
                            POLITE, notified))
                    .expectEvents(new InterviewRescheduled(OPPORTUNITY, CANDIDATE, 1, INTERVIEW, later,
                            Reason.WORK_CONFLICT, null, Channel.EMAIL, POLITE, notified, Duration.ofHours(24)));
        }

        @Test
        void cancel_afterAReschedule_comparesWithTheNewTime() {
            Instant later = INTERVIEW.plus(Duration.ofDays(1));
            fixture.given(invited(), scheduled(1), new InterviewRescheduled(OPPORTUNITY, CANDIDATE, 1, INTERVIEW,
                            later, Reason.WORK_CONFLICT, null, Channel.EMAIL, POLITE, RECEIVED, Duration.ZERO))
                    .when(cancel(Reason.ILLNESS, Channel.EMAIL, POLITE, INTERVIEW))
                    .expectEvents(new InterviewCancelled(OPPORTUNITY, CANDIDATE, 1, later, Reason.ILLNESS, null,
                            Channel.EMAIL, POLITE, INTERVIEW, INTERVIEW, Duration.ofDays(1), Duration.ZERO));
        }
    }

    @Nested
    class SameChannel {

        @Test
        void cancel_isRefused_throughAnotherChannelThanTheOneAgreed() {
            refusedWith(fixture.given(invited(), scheduled(1))
                            .when(cancel(Reason.ILLNESS, Channel.PHONE, POLITE, hoursBeforeInterview(48))),
                    SAME_CHANNEL);
        }

        @Test
        void cancel_isRefused_throughTheInvitationsChannel_whenTheInterviewWasAgreedByPhone() {
            refusedWith(fixture.given(invitedThrough(Channel.EMAIL), scheduled(1, INTERVIEW, Channel.PHONE))
                            .when(cancel(Reason.ILLNESS, Channel.EMAIL, POLITE, hoursBeforeInterview(48))),
                    SAME_CHANNEL);
        }

        @Test
        void cancel_isRecorded_throughTheChannelTheInterviewWasAgreedIn() {
            Instant notified = hoursBeforeInterview(48);
            fixture.given(invitedThrough(Channel.EMAIL), scheduled(1, INTERVIEW, Channel.PHONE))
                    .when(cancel(Reason.ILLNESS, Channel.PHONE, POLITE, notified))
                    .expectEvents(new InterviewCancelled(OPPORTUNITY, CANDIDATE, 1, INTERVIEW, Reason.ILLNESS, null,
                            Channel.PHONE, POLITE, notified, notified, Duration.ofHours(48), Duration.ZERO));
        }

        @Test
        void decline_isRefused_throughAnotherChannelThanTheInvitation() {
            refusedWith(fixture.given(invitedThrough(Channel.PHONE))
                    .when(decline(Reason.FIT, Channel.TEXT, "No, thank you.")), SAME_CHANNEL);
        }

        @Test
        void reschedule_isRefused_throughAnotherChannel() {
            refusedWith(fixture.given(invited(), scheduled(1)).when(new RescheduleInterview(OPPORTUNITY, 1,
                    INTERVIEW.plus(Duration.ofDays(1)), Reason.ILLNESS, null, Channel.PLATFORM, POLITE, RECEIVED)),
                    SAME_CHANNEL);
        }

        @Test
        void withdrawal_isRefused_throughAnotherChannel() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1))
                    .when(withdraw(Channel.PHONE, THANKS)), SAME_CHANNEL);
        }

        @Test
        void offerDecline_isRefused_throughAnotherChannel() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1), offered())
                    .when(declineOffer(Reason.COMPENSATION, Channel.IN_PERSON)), SAME_CHANNEL);
        }

        @Test
        void offerDecline_isRecorded_throughTheChannelUsedSoFar() {
            DeclineOffer command = declineOffer(Reason.COMPENSATION, Channel.EMAIL);
            fixture.given(invited(), scheduled(1), attended(1), offered())
                    .when(command)
                    .expectEvents(new OfferDeclined(OPPORTUNITY, CANDIDATE, Reason.COMPENSATION, null, Channel.EMAIL,
                            command.message(), command.declinedAt()));
        }
    }

    @Nested
    class ReasonRequired {

        @Test
        void cancel_isRefused_withoutAReason() {
            refusedWith(fixture.given(invited(), scheduled(1)).when(cancelByEmail(null)), REASON_REQUIRED);
        }

        @Test
        void decline_isRefused_withoutAReason() {
            refusedWith(fixture.given(invited()).when(decline(null, Channel.EMAIL, "No, thank you.")),
                    REASON_REQUIRED);
        }

        @Test
        void decline_isRefused_forOtherWithoutAnExplanation() {
            refusedWith(fixture.given(invited()).when(decline(Reason.OTHER, Channel.EMAIL, "No, thank you.")),
                    REASON_REQUIRED);
        }

        @Test
        void decline_isRefused_forOtherWithABlankExplanation() {
            refusedWith(fixture.given(invited()).when(new DeclineInvitation(OPPORTUNITY, Reason.OTHER, "  ",
                    Certainty.CERTAIN, Channel.EMAIL, "No, thank you.", null, RECEIVED, RECEIVED)), REASON_REQUIRED);
        }

        @Test
        void withdrawal_isRefused_withoutAReason() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1)).when(new WithdrawFromProcess(OPPORTUNITY,
                    null, null, Channel.EMAIL, THANKS, INTERVIEW)), REASON_REQUIRED);
        }

        @Test
        void offerDecline_isRefused_withoutAReason() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1), offered())
                    .when(declineOffer(null, Channel.EMAIL)), REASON_REQUIRED);
        }

        @Test
        void reschedule_isRefused_withoutAReason() {
            refusedWith(fixture.given(invited(), scheduled(1)).when(new RescheduleInterview(OPPORTUNITY, 1,
                    INTERVIEW.plus(Duration.ofDays(1)), null, null, Channel.EMAIL, POLITE, RECEIVED)), REASON_REQUIRED);
        }

        @Test
        void decline_isRecorded_forOtherWithAnExplanation_andAnUnsureCertaintyAndAReferral() {
            Person referred = new Person("Sam Ortiz", "sam.ortiz@example.org");
            Instant notified = RECEIVED.plus(Duration.ofHours(30));
            fixture.given(invited())
                    .when(new DeclineInvitation(OPPORTUNITY, Reason.OTHER, "Relocating abroad", Certainty.UNSURE,
                            Channel.EMAIL, "Thank you; Sam may fit better.", referred, RECEIVED, notified))
                    .expectEvents(new InvitationDeclined(OPPORTUNITY, CANDIDATE, Reason.OTHER, "Relocating abroad",
                            Certainty.UNSURE, Channel.EMAIL, "Thank you; Sam may fit better.", referred, RECEIVED,
                            notified, Duration.ofHours(30)));
        }
    }

    @Nested
    class AcceptableCancelReason {

        @ParameterizedTest
        @EnumSource(value = Reason.class, names = {"COMPANY", "FIT", "COMPENSATION", "CULTURE", "SENIORITY_MISMATCH",
                "FIELD_MISMATCH", "NOT_INTERESTED"})
        void cancel_isRefused_forAReasonTheSeedsDoNotAccept(Reason reason) {
            refusedWith(fixture.given(invited(), scheduled(1)).when(cancelByEmail(reason)), ACCEPTABLE_CANCEL_REASON);
        }

        @Test
        void cancel_isRefused_forOther_evenWithAnExplanation() {
            refusedWith(fixture.given(invited(), scheduled(1)).when(new CancelInterview(OPPORTUNITY, 1, Reason.OTHER,
                    "Something came up", Channel.EMAIL, POLITE, RECEIVED, RECEIVED)), ACCEPTABLE_CANCEL_REASON);
        }

        @ParameterizedTest
        @EnumSource(value = Reason.class, names = {"ILLNESS", "FAMILY_EMERGENCY", "WORK_CONFLICT", "COMMUTE",
                "PAY_CUT", "LOSS_OF_BENEFITS"})
        void cancel_isRecorded_forEveryReasonTheSeedsAccept(Reason reason) {
            fixture.given(invited(), scheduled(1)).when(cancelByEmail(reason)).expectEvents(cancelledByEmail(reason));
        }

        @Test
        void reschedule_mayGiveAReasonACancellationCouldNot() {
            Instant later = INTERVIEW.plus(Duration.ofDays(1));
            fixture.given(invited(), scheduled(1))
                    .when(new RescheduleInterview(OPPORTUNITY, 1, later, Reason.NOT_INTERESTED, null, Channel.EMAIL,
                            POLITE, RECEIVED))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class OtherOfferMustExist {

        @Test
        void cancel_isRefused_forAnotherOffer_whenNoneWasAccepted() {
            refusedWith(fixture.given(invited(), scheduled(1)).when(cancelByEmail(Reason.ACCEPTED_OTHER_OFFER)),
                    OTHER_OFFER_MUST_EXIST);
        }

        @Test
        void cancel_isRefused_forAnotherOffer_whenOnlyAnotherCandidateAcceptedOne() {
            acceptedOffers.accept(OTHER_OPPORTUNITY, OTHER_CANDIDATE);
            refusedWith(fixture.given(invited(), scheduled(1)).when(cancelByEmail(Reason.ACCEPTED_OTHER_OFFER)),
                    OTHER_OFFER_MUST_EXIST);
        }

        @Test
        void cancel_isRefused_forAnotherOffer_whenTheOnlyAcceptedOfferIsThisOpportunitysOwn() {
            acceptedOffers.accept(OPPORTUNITY, CANDIDATE);
            refusedWith(fixture.given(invited(), scheduled(1)).when(cancelByEmail(Reason.ACCEPTED_OTHER_OFFER)),
                    OTHER_OFFER_MUST_EXIST);
        }

        @Test
        void decline_isRefused_forAnotherOffer_whenNoneWasAccepted() {
            refusedWith(fixture.given(invited()).when(decline(Reason.ACCEPTED_OTHER_OFFER, Channel.EMAIL,
                    "Thank you, I accepted another offer.")), OTHER_OFFER_MUST_EXIST);
        }

        @Test
        void cancel_isRecorded_forAnotherOffer_acceptedOnAnotherOpportunityOfTheCandidate() {
            acceptedOffers.accept(OTHER_OPPORTUNITY, CANDIDATE);
            fixture.given(invited(), scheduled(1))
                    .when(cancelByEmail(Reason.ACCEPTED_OTHER_OFFER))
                    .expectEvents(cancelledByEmail(Reason.ACCEPTED_OTHER_OFFER));
        }
    }

    @Nested
    class NoDerogatoryRemarks {

        @Test
        void cancel_isRefused_whenTheMessageIsDerogatory() {
            refusedWith(fixture.given(invited(), scheduled(1)).when(cancel(Reason.COMMUTE, Channel.EMAIL,
                    "Your office is a JOKE and so is the role.", hoursBeforeInterview(48))), NO_DEROGATORY_REMARKS);
        }

        @Test
        void decline_isRefused_whenTheMessageHoldsADerogatoryPhrase() {
            refusedWith(fixture.given(invited()).when(decline(Reason.FIT, Channel.EMAIL,
                    "This would be a waste   of time.")), NO_DEROGATORY_REMARKS);
        }

        @Test
        void decline_isRefused_whenTheExplanationIsDerogatory() {
            refusedWith(fixture.given(invited()).when(new DeclineInvitation(OPPORTUNITY, Reason.OTHER,
                    "They are clowns", Certainty.CERTAIN, Channel.EMAIL, "No, thank you.", null, RECEIVED, RECEIVED)),
                    NO_DEROGATORY_REMARKS);
        }

        @Test
        void withdrawal_isRefused_whenTheMessageIsDerogatory() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1))
                    .when(withdraw(Channel.EMAIL, "Thanks, but your team are clowns.")), NO_DEROGATORY_REMARKS);
        }

        @Test
        void decline_isRecorded_whenAWordOnlyContainsADerogatoryOne() {
            fixture.given(invited())
                    .when(decline(Reason.FIT, Channel.EMAIL, "Thank you; no jokes, I am simply not the right fit."))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new InvitationDeclined(OPPORTUNITY, CANDIDATE, Reason.FIT, null, Certainty.CERTAIN,
                            Channel.EMAIL, "Thank you; no jokes, I am simply not the right fit.", null, RECEIVED,
                            RECEIVED, Duration.ZERO));
        }
    }

    @Nested
    class WithdrawWithThanks {

        @Test
        void withdrawal_isRefused_beforeAnyInterviewWasAttended() {
            refusedWith(fixture.given(invited(), scheduled(1)).when(withdraw(Channel.EMAIL, THANKS)),
                    WITHDRAW_WITH_THANKS);
        }

        @Test
        void withdrawal_isRefused_whileOnlyInvited() {
            refusedWith(fixture.given(invited()).when(withdraw(Channel.EMAIL, THANKS)), WITHDRAW_WITH_THANKS);
        }

        @Test
        void withdrawal_isRefused_withoutThanks() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1))
                    .when(withdraw(Channel.EMAIL, "I am no longer interested.")), WITHDRAW_WITH_THANKS);
        }

        @Test
        void withdrawal_isRefused_withoutAMessage() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1))
                    .when(withdraw(Channel.EMAIL, null)), WITHDRAW_WITH_THANKS);
        }

        @Test
        void withdrawal_isRefused_whileAnOfferIsOpen() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1), offered())
                    .when(withdraw(Channel.EMAIL, THANKS)), OFFER_IS_OPEN);
        }

        @Test
        void withdrawal_isRecorded_afterTwoAttendedRounds_withThanks() {
            WithdrawFromProcess command = withdraw(Channel.EMAIL, "I appreciate your time.");
            fixture.given(invited(), scheduled(1), attended(1), scheduled(2), attended(2))
                    .when(command)
                    .expectEvents(new WithdrewFromProcess(OPPORTUNITY, CANDIDATE, Reason.FIT, null, Channel.EMAIL,
                            "I appreciate your time.", command.withdrawnAt(), 2));
        }

        @Test
        void withdrawal_isRecorded_whileTheNextRoundIsScheduled() {
            WithdrawFromProcess command = withdraw(Channel.EMAIL, "Grateful for the conversations.");
            fixture.given(invited(), scheduled(1), attended(1), scheduled(2))
                    .when(command)
                    .expectEvents(new WithdrewFromProcess(OPPORTUNITY, CANDIDATE, Reason.FIT, null, Channel.EMAIL,
                            command.message(), command.withdrawnAt(), 1));
        }
    }

    @Nested
    class OfferNeedsInterview {

        private final RecordOffer offer = new RecordOffer(OPPORTUNITY, new BigDecimal("95000"), "EUR",
                INTERVIEW.plus(Duration.ofDays(10)), INTERVIEW.plus(Duration.ofDays(3)));
        private final OfferReceived received = new OfferReceived(OPPORTUNITY, CANDIDATE, new BigDecimal("95000"),
                "EUR", INTERVIEW.plus(Duration.ofDays(10)), INTERVIEW.plus(Duration.ofDays(3)));

        @Test
        void offer_isRefused_whileOnlyInvited() {
            refusedWith(fixture.given(invited()).when(offer), OFFER_NEEDS_INTERVIEW);
        }

        @Test
        void offer_isRefused_whileTheFirstInterviewIsOnlyScheduled() {
            refusedWith(fixture.given(invited(), scheduled(1)).when(offer), OFFER_NEEDS_INTERVIEW);
        }

        @Test
        void offer_isRecorded_afterAnAttendedInterview() {
            fixture.given(invited(), scheduled(1), attended(1)).when(offer).expectEvents(received);
        }

        @Test
        void offer_isRecorded_whileALaterRoundIsScheduledAfterAnAttendedOne() {
            fixture.given(invited(), scheduled(1), attended(1), scheduled(2)).when(offer).expectEvents(received);
        }

        @Test
        void aSecondOffer_replacesTheOpenOne() {
            fixture.given(invited(), scheduled(1), attended(1), offered()).when(offer).expectEvents(received);
        }
    }

    @Nested
    class OfferDecidedOnce {

        private final OfferAccepted accepted = new OfferAccepted(OPPORTUNITY, CANDIDATE, INTERVIEW.plusSeconds(99));

        @Test
        void accept_isRefused_withoutAnOffer() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1))
                    .when(new AcceptOffer(OPPORTUNITY, INTERVIEW)), OFFER_DECIDED_ONCE);
        }

        @Test
        void accept_isRefused_onceAccepted() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1), offered(), accepted)
                    .when(new AcceptOffer(OPPORTUNITY, INTERVIEW)), OFFER_DECIDED_ONCE);
        }

        @Test
        void accept_isRefused_onceDeclined() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1), offered(), new OfferDeclined(OPPORTUNITY,
                    CANDIDATE, Reason.COMPENSATION, null, Channel.EMAIL, "No, thank you.", INTERVIEW))
                    .when(new AcceptOffer(OPPORTUNITY, INTERVIEW)), OFFER_DECIDED_ONCE);
        }

        @Test
        void offerDecline_isRefused_onceAccepted() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1), offered(), accepted)
                    .when(declineOffer(Reason.COMPENSATION, Channel.EMAIL)), OFFER_DECIDED_ONCE);
        }

        @Test
        void offerDecline_isRefused_withoutAnOffer() {
            refusedWith(fixture.given(invited()).when(declineOffer(Reason.COMPENSATION, Channel.EMAIL)),
                    OFFER_DECIDED_ONCE);
        }

        @Test
        void accept_isRefused_asEndedIsFinal_afterARejection() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1), offered(),
                    new RejectionReceived(OPPORTUNITY, CANDIDATE, "Offer withdrawn", INTERVIEW))
                    .when(new AcceptOffer(OPPORTUNITY, INTERVIEW)), ENDED_IS_FINAL);
        }

        @Test
        void accept_isRecorded_whileTheOfferIsOpen() {
            fixture.given(invited(), scheduled(1), attended(1), offered())
                    .when(new AcceptOffer(OPPORTUNITY, INTERVIEW.plusSeconds(99)))
                    .expectEvents(accepted);
        }
    }

    @Nested
    class EndedIsFinal {

        private final Object declined = new InvitationDeclined(OPPORTUNITY, CANDIDATE, Reason.FIT, null,
                Certainty.CERTAIN, Channel.EMAIL, "No, thank you.", null, RECEIVED, RECEIVED, Duration.ZERO);

        @Test
        void schedule_isRefused_afterADecline() {
            refusedWith(fixture.given(invited(), declined)
                    .when(new ScheduleInterview(OPPORTUNITY, INTERVIEW, Channel.EMAIL, RECEIVED)), ENDED_IS_FINAL);
        }

        @Test
        void attendance_isRefused_afterACancellation() {
            refusedWith(fixture.given(invited(), scheduled(1), cancelledByEmail(Reason.ILLNESS))
                    .when(attend(1)), ENDED_IS_FINAL);
        }

        @Test
        void missed_isRefused_afterAMiss() {
            refusedWith(fixture.given(invited(), scheduled(1),
                    new InterviewMissed(OPPORTUNITY, CANDIDATE, 1, INTERVIEW, null))
                    .when(new RecordInterviewMissed(OPPORTUNITY, 1, null)), ENDED_IS_FINAL);
        }

        @Test
        void decline_isRefused_afterADecline() {
            refusedWith(fixture.given(invited(), declined).when(decline(Reason.FIT, Channel.EMAIL, "No.")),
                    ENDED_IS_FINAL);
        }

        @Test
        void withdrawal_isRefused_afterARejection() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1),
                    new RejectionReceived(OPPORTUNITY, CANDIDATE, null, INTERVIEW))
                    .when(withdraw(Channel.EMAIL, THANKS)), ENDED_IS_FINAL);
        }

        @Test
        void rejection_isRefused_afterAWithdrawal() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1), new WithdrewFromProcess(OPPORTUNITY,
                    CANDIDATE, Reason.FIT, null, Channel.EMAIL, THANKS, INTERVIEW, 1))
                    .when(new RecordRejection(OPPORTUNITY, "No", INTERVIEW)), ENDED_IS_FINAL);
        }

        @Test
        void offer_isRefused_afterTheOfferWasAccepted() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1), offered(),
                    new OfferAccepted(OPPORTUNITY, CANDIDATE, INTERVIEW))
                    .when(new RecordOffer(OPPORTUNITY, BigDecimal.TEN, "EUR", null, INTERVIEW)), ENDED_IS_FINAL);
        }

        @Test
        void alternativePosition_isRefused_afterADecline() {
            refusedWith(fixture.given(invited(), declined).when(new ProposeAlternativePosition(OPPORTUNITY,
                    OTHER_OPPORTUNITY, "Lead", INTERVIEW)), ENDED_IS_FINAL);
        }

        @Test
        void lessonsContactsAndNotes_areStillRecorded_afterTheEnd() {
            Person recruiter = new Person("Morgan Lee", "morgan@example.org");
            fixture.given(invited(), declined)
                    .when(new RecordLesson(OPPORTUNITY, LessonCategory.MARKET_INSIGHT, "Banks consolidate", RECEIVED))
                    .expectEvents(new LessonRecorded(OPPORTUNITY, CANDIDATE, LessonCategory.MARKET_INSIGHT,
                            "Banks consolidate", RECEIVED));
            fixture.given(invited(), declined)
                    .when(new RecordContact(OPPORTUNITY, recruiter, "Recruiter", ContactRole.RECRUITER, RECEIVED,
                            "Warm"))
                    .expectEvents(new ContactMet(OPPORTUNITY, CANDIDATE, recruiter, "Recruiter", ContactRole.RECRUITER,
                            RECEIVED, "Warm"));
            fixture.given(invited(), declined)
                    .when(new AddNote(OPPORTUNITY, "Keep in touch", RECEIVED))
                    .expectEvents(new NoteAdded(OPPORTUNITY, CANDIDATE, "Keep in touch", RECEIVED));
        }

        @Test
        void rejection_isRecorded_whileTheProcessRuns() {
            fixture.given(invited(), scheduled(1), attended(1))
                    .when(new RecordRejection(OPPORTUNITY, "More SQL", INTERVIEW))
                    .expectEvents(new RejectionReceived(OPPORTUNITY, CANDIDATE, "More SQL", INTERVIEW));
        }
    }

    @Nested
    class SchedulingAndAttendance {

        @Test
        void theFirstInterview_isRoundOne_throughTheChannelGiven() {
            fixture.given(invited())
                    .when(new ScheduleInterview(OPPORTUNITY, INTERVIEW, Channel.PHONE, RECEIVED))
                    .expectResultMessagePayload(1)
                    .expectEvents(new InterviewScheduled(OPPORTUNITY, CANDIDATE, 1, INTERVIEW, Channel.PHONE, RECEIVED));
        }

        @Test
        void theNextInterview_afterAnAttendedOne_isTheNextRound() {
            fixture.given(invited(), scheduled(1), attended(1))
                    .when(new ScheduleInterview(OPPORTUNITY, INTERVIEW.plus(Duration.ofDays(3)), Channel.EMAIL, INTERVIEW))
                    .expectResultMessagePayload(2)
                    .expectEvents(new InterviewScheduled(OPPORTUNITY, CANDIDATE, 2, INTERVIEW.plus(Duration.ofDays(3)),
                            Channel.EMAIL, INTERVIEW));
        }

        @Test
        void schedule_isRefused_whileARoundIsAlreadyScheduled() {
            refusedWith(fixture.given(invited(), scheduled(1))
                    .when(new ScheduleInterview(OPPORTUNITY, INTERVIEW, Channel.EMAIL, RECEIVED)),
                    INTERVIEW_ALREADY_SCHEDULED);
        }

        @Test
        void schedule_isRefused_whileAnOfferIsOpen() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1), offered())
                    .when(new ScheduleInterview(OPPORTUNITY, INTERVIEW, Channel.EMAIL, RECEIVED)), OFFER_IS_OPEN);
        }

        @Test
        void attendance_isRefused_whenNothingIsScheduled() {
            refusedWith(fixture.given(invited()).when(attend(1)), ATTEND_ONLY_SCHEDULED);
        }

        @Test
        void attendance_isRefused_forAnotherRound() {
            refusedWith(fixture.given(invited(), scheduled(1)).when(attend(2)), ATTEND_ONLY_SCHEDULED);
        }

        @Test
        void attendance_isRefused_twiceForTheSameRound() {
            refusedWith(fixture.given(invited(), scheduled(1), attended(1)).when(attend(1)), ATTEND_ONLY_SCHEDULED);
        }

        @Test
        void missed_isRefused_forAnotherRound() {
            refusedWith(fixture.given(invited(), scheduled(1)).when(new RecordInterviewMissed(OPPORTUNITY, 3, null)),
                    ATTEND_ONLY_SCHEDULED);
        }

        @Test
        void attendance_isRecorded_forTheScheduledRound() {
            fixture.given(invited(), scheduled(1)).when(attend(1)).expectEvents(attended(1));
        }

        @Test
        void attendance_isRecorded_withWhoWasMetAndWhatWasAsked() {
            var interviewer = new io.candor.events.Interviewer("Alex Chen", "alex@example.org", "Head of Data",
                    io.candor.events.InterviewerRole.HIRING_MANAGER);
            fixture.given(invited(), scheduled(1))
                    .when(new RecordInterviewAttended(OPPORTUNITY, 1, INTERVIEW, List.of(interviewer),
                            List.of("Why leave?"), List.of("Contoso?"), List.of("Hiring engineers"), Fit.UNSURE))
                    .expectEvents(new InterviewAttended(OPPORTUNITY, CANDIDATE, 1, INTERVIEW, List.of(interviewer),
                            List.of("Why leave?"), List.of("Contoso?"), List.of("Hiring engineers"), Fit.UNSURE));
        }

        @Test
        void missed_isRecorded_forTheScheduledRound_withItsTime() {
            fixture.given(invited(), scheduled(1))
                    .when(new RecordInterviewMissed(OPPORTUNITY, 1, "Overslept"))
                    .expectEvents(new InterviewMissed(OPPORTUNITY, CANDIDATE, 1, INTERVIEW, "Overslept"));
        }

        private RecordInterviewAttended attend(int round) {
            return new RecordInterviewAttended(OPPORTUNITY, round, INTERVIEW, null, null, null, null, Fit.GOOD);
        }
    }

    private static RecordInterviewAttended attend(int round) {
        return new RecordInterviewAttended(OPPORTUNITY, round, INTERVIEW, null, null, null, null, Fit.GOOD);
    }
}
