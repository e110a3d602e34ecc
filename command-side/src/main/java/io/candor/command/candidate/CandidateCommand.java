package io.candor.command.candidate;

import io.candor.events.CandidateId;
import io.candor.events.Commitment;
import io.candor.events.FirmId;
import io.candor.events.Person;
import io.candor.events.SearchOutcome;
import io.candor.events.TeamRole;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Everything one can ask of a candidate. Instants are when things happened, as the client says. */
public sealed interface CandidateCommand {

    CandidateId candidateId();

    /** Registers the candidate and starts their first job search. */
    record RegisterCandidate(@TargetAggregateIdentifier CandidateId candidateId, FirmId firmId, String displayName,
                             String email, boolean employed, Instant registeredAt)
            implements CandidateCommand {
    }

    record StartJobSearch(@TargetAggregateIdentifier CandidateId candidateId, Instant startedAt)
            implements CandidateCommand {
    }

    record EndJobSearch(@TargetAggregateIdentifier CandidateId candidateId, SearchOutcome outcome, Instant endedAt)
            implements CandidateCommand {
    }

    record ChangeEmploymentStatus(@TargetAggregateIdentifier CandidateId candidateId, boolean employed,
                                  Instant changedAt)
            implements CandidateCommand {
    }

    record AddTeamMember(@TargetAggregateIdentifier CandidateId candidateId, Person member, TeamRole role,
                         Commitment commitment, String helpsWith, Instant addedAt)
            implements CandidateCommand {
    }

    record ReleaseTeamMember(@TargetAggregateIdentifier CandidateId candidateId, Person member, String thanks,
                             Instant releasedAt)
            implements CandidateCommand {
    }

    record ErasePersonalData(@TargetAggregateIdentifier CandidateId candidateId, Instant erasedAt)
            implements CandidateCommand {
    }
}
