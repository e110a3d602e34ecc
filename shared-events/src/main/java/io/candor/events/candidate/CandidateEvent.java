package io.candor.events.candidate;

import io.candor.events.CandidateId;
import io.candor.events.Commitment;
import io.candor.events.FirmId;
import io.candor.events.Person;
import io.candor.events.PersonalData;
import io.candor.events.SearchOutcome;
import io.candor.events.TeamRole;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Everything that can happen to a candidate: the person, their search, and their job-search team. */
public sealed interface CandidateEvent {

    CandidateId candidateId();

    /** A candidate was registered under a firm (or {@link FirmId#INDEPENDENT}). */
    @Revision("1")
    record CandidateRegistered(CandidateId candidateId, FirmId firmId, @PersonalData String displayName, @PersonalData String email,
                               boolean employed, Instant registeredAt)
            implements CandidateEvent {
    }

    /** A job search began (again). */
    @Revision("1")
    record JobSearchStarted(CandidateId candidateId, Instant startedAt) implements CandidateEvent {
    }

    /** A job search ended. */
    @Revision("1")
    record JobSearchEnded(CandidateId candidateId, SearchOutcome outcome, Instant endedAt)
            implements CandidateEvent {
    }

    /** Employed or not: the leverage to stay put, or the need for a plan B (seed 003). */
    @Revision("1")
    record EmploymentStatusChanged(CandidateId candidateId, boolean employed, Instant changedAt)
            implements CandidateEvent {
    }

    /** Someone joined the job-search team: long-haul (family, friends, colleagues) or short-term (experts). */
    @Revision("1")
    record TeamMemberAdded(CandidateId candidateId, Person member, TeamRole role, Commitment commitment,
                           @PersonalData String helpsWith, Instant addedAt)
            implements CandidateEvent {
    }

    /** A team member was let go, with gratitude for their contribution (seed 000). */
    @Revision("1")
    record TeamMemberReleased(CandidateId candidateId, Person member, @PersonalData String thanks, Instant releasedAt)
            implements CandidateEvent {
    }

    /** The candidate's personal data was erased on request; reason codes, stages and instants remain. */
    @Revision("1")
    record CandidatePersonalDataErased(CandidateId candidateId, Instant erasedAt) implements CandidateEvent {
    }
}
