package io.candor.command.candidate;

import io.candor.command.web.PersonBody;
import io.candor.events.Commitment;
import io.candor.events.SearchOutcome;
import io.candor.events.TeamRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** The bodies of the candidate endpoints; missing instants become now. */
final class CandidateRequests {

    private CandidateRequests() {
    }

    record RegistrationRequest(@NotBlank @Size(max = 200) String displayName,
                               @NotBlank @Email @Size(max = 320) String email, @NotNull Boolean employed,
                               @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                                       message = "must be 1 to 64 letters, digits, dots, dashes or underscores")
                               String firmId,
                               Instant registeredAt) {
    }

    record SearchStartRequest(Instant startedAt) {
    }

    record SearchEndRequest(@NotNull SearchOutcome outcome, Instant endedAt) {
    }

    record EmploymentRequest(@NotNull Boolean employed, Instant changedAt) {
    }

    record TeamMemberRequest(@NotNull @Valid PersonBody member, @NotNull TeamRole role,
                             @NotNull Commitment commitment, @Size(max = 1000) String helpsWith, Instant addedAt) {
    }

    record ReleaseRequest(@NotNull @Valid PersonBody member, @Size(max = 4000) String thanks, Instant releasedAt) {
    }

    record ErasureRequest(Instant erasedAt) {
    }
}
