package io.candor.command.opportunity;

import io.candor.command.web.PersonBody;
import io.candor.events.Certainty;
import io.candor.events.Channel;
import io.candor.events.CompanySignal;
import io.candor.events.ContactRole;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.InterviewerRole;
import io.candor.events.LessonCategory;
import io.candor.events.Reason;
import io.candor.events.Source;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The bodies of the opportunity endpoints. Missing instants become now; a missing or null {@code reason} is left
 * to the aggregate, which refuses it as REASON_REQUIRED (a 422, not a 400).
 */
final class OpportunityRequests {

    static final int TEXT = 4000;
    static final int NAME = 200;

    private OpportunityRequests() {
    }

    record InvitationRequest(@NotBlank @Size(max = NAME) String company, @NotBlank @Size(max = NAME) String role,
                             @NotNull Source source, @NotNull Channel channel, Instant receivedAt,
                             @NotNull Interest interest, @Valid PersonBody referrer,
                             @Size(max = 10) Set<@NotNull CompanySignal> companySignals) {
    }

    record ScheduleRequest(@NotNull Instant scheduledFor, @NotNull Channel channel, Instant agreedAt) {
    }

    record RescheduleRequest(@NotNull Instant scheduledFor, Reason reason, @Size(max = TEXT) String explanation,
                             @NotNull Channel channel, @Size(max = TEXT) String message, Instant notifiedAt) {
    }

    record CancelRequest(Reason reason, @Size(max = TEXT) String explanation, @NotNull Channel channel,
                         @Size(max = TEXT) String message, Instant decidedAt, Instant notifiedAt) {
    }

    record InterviewerBody(@NotBlank @Size(max = NAME) String name, @Email @Size(max = 320) String email,
                           @Size(max = NAME) String title, InterviewerRole role) {
    }

    record AttendanceRequest(Instant attendedAt, @Size(max = 50) List<@NotNull @Valid InterviewerBody> interviewers,
                             @Size(max = 100) List<@NotBlank @Size(max = TEXT) String> questions,
                             @Size(max = 100) List<@NotBlank @Size(max = TEXT) String> resumeClarifications,
                             @Size(max = 100) List<@NotBlank @Size(max = TEXT) String> insights, Fit fit) {
    }

    record MissedRequest(@Size(max = TEXT) String explanation) {
    }

    record DeclineRequest(Reason reason, Certainty certainty, @NotNull Channel channel,
                          @Size(max = TEXT) String message, @Size(max = TEXT) String explanation,
                          @Valid PersonBody referredCandidate, Instant decidedAt, Instant notifiedAt) {
    }

    record WithdrawalRequest(Reason reason, @NotNull Channel channel, @Size(max = TEXT) String message,
                             @Size(max = TEXT) String explanation, Instant withdrawnAt) {
    }

    record RejectionRequest(@Size(max = TEXT) String feedback, Instant rejectedAt) {
    }

    record OfferRequest(@NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 12, fraction = 2)
                        BigDecimal salary,
                        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
                        String currency,
                        Instant respondBy, Instant receivedAt) {
    }

    record OfferDeclineRequest(Reason reason, @NotNull Channel channel, @Size(max = TEXT) String message,
                               @Size(max = TEXT) String explanation, Instant declinedAt) {
    }

    record AcceptanceRequest(Instant acceptedAt) {
    }

    record AlternativePositionRequest(@NotBlank @Size(max = NAME) String role, Instant proposedAt) {
    }

    record LessonRequest(@NotNull LessonCategory category, @NotBlank @Size(max = TEXT) String text,
                         Instant learnedAt) {
    }

    record ContactRequest(@NotNull @Valid PersonBody contact, @Size(max = NAME) String title,
                          @NotNull ContactRole role, Instant metAt, @Size(max = TEXT) String note) {
    }

    record NoteRequest(@NotBlank @Size(max = TEXT) String text, Instant notedAt) {
    }
}
