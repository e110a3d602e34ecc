package io.candor.command.candidate;

import io.candor.command.candidate.CandidateCommand.AddTeamMember;
import io.candor.command.candidate.CandidateCommand.ChangeEmploymentStatus;
import io.candor.command.candidate.CandidateCommand.EndJobSearch;
import io.candor.command.candidate.CandidateCommand.ErasePersonalData;
import io.candor.command.candidate.CandidateCommand.RegisterCandidate;
import io.candor.command.candidate.CandidateCommand.ReleaseTeamMember;
import io.candor.command.candidate.CandidateCommand.StartJobSearch;
import io.candor.command.rules.Rule;
import io.candor.command.rules.RuleViolation;
import io.candor.events.CandidateId;
import io.candor.events.Commitment;
import io.candor.events.FirmId;
import io.candor.events.Person;
import io.candor.events.SearchOutcome;
import io.candor.events.TeamRole;
import io.candor.events.candidate.CandidateEvent.CandidatePersonalDataErased;
import io.candor.events.candidate.CandidateEvent.CandidateRegistered;
import io.candor.events.candidate.CandidateEvent.EmploymentStatusChanged;
import io.candor.events.candidate.CandidateEvent.JobSearchEnded;
import io.candor.events.candidate.CandidateEvent.JobSearchStarted;
import io.candor.events.candidate.CandidateEvent.TeamMemberAdded;
import io.candor.events.candidate.CandidateEvent.TeamMemberReleased;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/** The candidate: registration, search, employment, the job-search team and erasure. */
class CandidateTest {

    private static final CandidateId CANDIDATE = CandidateId.of("c0ffee00-0000-4000-8000-000000000001");
    private static final FirmId FIRM = FirmId.of("f1000000-0000-4000-8000-000000000001");
    private static final Instant AT = Instant.parse("2026-02-01T09:00:00Z");
    private static final Person EXPERT = new Person("Rae Kim", "rae@example.org");
    private static final CandidateRegistered REGISTERED =
            new CandidateRegistered(CANDIDATE, FIRM, "Ana Silva", "ana@example.org", true, AT);
    private static final JobSearchStarted STARTED = new JobSearchStarted(CANDIDATE, AT);
    private static final TeamMemberAdded EXPERT_ADDED = new TeamMemberAdded(CANDIDATE, EXPERT, TeamRole.EXPERT,
            Commitment.SHORT_TERM, "Résumé review", AT);

    private FixtureConfiguration<Candidate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Candidate.class);
    }

    private static void refusedWith(ResultValidator<Candidate> result, Rule rule) {
        result.expectException(RuleViolation.class).expectExceptionMessage(rule.name()).expectNoEvents();
    }

    @Test
    void registering_recordsTheCandidate_andStartsTheirSearch() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCandidate(CANDIDATE, FIRM, "Ana Silva", "ana@example.org", true, AT))
                .expectEvents(REGISTERED, STARTED);
    }

    @Test
    void registering_withoutAFirm_registersTheCandidateAsIndependent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCandidate(CANDIDATE, null, "Ana Silva", "ana@example.org", false, AT))
                .expectEvents(new CandidateRegistered(CANDIDATE, FirmId.INDEPENDENT, "Ana Silva", "ana@example.org",
                        false, AT), STARTED);
    }

    @Test
    void startingASearch_isRefused_whileOneIsActive() {
        refusedWith(fixture.given(REGISTERED, STARTED).when(new StartJobSearch(CANDIDATE, AT)), Rule.SEARCH_ALREADY_ACTIVE);
    }

    @Test
    void startingASearch_isRecorded_afterTheLastOneEnded() {
        fixture.given(REGISTERED, STARTED, new JobSearchEnded(CANDIDATE, SearchOutcome.PAUSED, AT))
                .when(new StartJobSearch(CANDIDATE, AT.plusSeconds(60)))
                .expectEvents(new JobSearchStarted(CANDIDATE, AT.plusSeconds(60)));
    }

    @Test
    void endingASearch_isRefused_whenNoneIsActive() {
        refusedWith(fixture.given(REGISTERED, STARTED, new JobSearchEnded(CANDIDATE, SearchOutcome.HIRED, AT))
                .when(new EndJobSearch(CANDIDATE, SearchOutcome.OTHER, AT)), Rule.NO_ACTIVE_SEARCH);
    }

    @Test
    void endingASearch_isRecorded_withItsOutcome() {
        fixture.given(REGISTERED, STARTED)
                .when(new EndJobSearch(CANDIDATE, SearchOutcome.STAYED_PUT, AT))
                .expectEvents(new JobSearchEnded(CANDIDATE, SearchOutcome.STAYED_PUT, AT));
    }

    @Test
    void employment_isRecorded() {
        fixture.given(REGISTERED, STARTED)
                .when(new ChangeEmploymentStatus(CANDIDATE, false, AT))
                .expectEvents(new EmploymentStatusChanged(CANDIDATE, false, AT));
    }

    @Test
    void aTeamMember_isAdded() {
        fixture.given(REGISTERED, STARTED)
                .when(new AddTeamMember(CANDIDATE, EXPERT, TeamRole.EXPERT, Commitment.SHORT_TERM, "Résumé review", AT))
                .expectEvents(EXPERT_ADDED);
    }

    @Test
    void aTeamMember_isRefused_whenAlreadyOnTheTeam_byEmailInAnyCase() {
        refusedWith(fixture.given(REGISTERED, STARTED, EXPERT_ADDED)
                .when(new AddTeamMember(CANDIDATE, new Person("Rae K.", "RAE@example.org"), TeamRole.FRIEND,
                        Commitment.LONG_HAUL, null, AT)), Rule.TEAM_MEMBER_ALREADY_ADDED);
    }

    @Test
    void anotherPerson_joinsTheTeam_besideTheFirst() {
        Person friend = new Person("Jo Park", "jo@example.org");
        fixture.given(REGISTERED, STARTED, EXPERT_ADDED)
                .when(new AddTeamMember(CANDIDATE, friend, TeamRole.FRIEND, Commitment.LONG_HAUL, null, AT))
                .expectEvents(new TeamMemberAdded(CANDIDATE, friend, TeamRole.FRIEND, Commitment.LONG_HAUL, null, AT));
    }

    @Test
    void aTeamMemberWithoutEmail_isKnownByName() {
        Person mum = new Person("Mum", null);
        refusedWith(fixture.given(REGISTERED, STARTED, new TeamMemberAdded(CANDIDATE, mum, TeamRole.FAMILY,
                        Commitment.LONG_HAUL, null, AT))
                .when(new AddTeamMember(CANDIDATE, new Person("mum", " "), TeamRole.FAMILY, Commitment.LONG_HAUL,
                        null, AT)), Rule.TEAM_MEMBER_ALREADY_ADDED);
    }

    @Test
    void releasing_isRefused_forSomeoneNotOnTheTeam() {
        refusedWith(fixture.given(REGISTERED, STARTED)
                .when(new ReleaseTeamMember(CANDIDATE, EXPERT, "Thank you!", AT)), Rule.TEAM_MEMBER_UNKNOWN);
    }

    @Test
    void releasing_isRefused_withoutThanks() {
        refusedWith(fixture.given(REGISTERED, STARTED, EXPERT_ADDED)
                .when(new ReleaseTeamMember(CANDIDATE, EXPERT, "We are done.", AT)), Rule.RELEASE_WITH_THANKS);
    }

    @Test
    void releasing_isRecorded_withGratitude_andThePersonLeavesTheTeam() {
        fixture.given(REGISTERED, STARTED, EXPERT_ADDED)
                .when(new ReleaseTeamMember(CANDIDATE, EXPERT, "So grateful for your help.", AT))
                .expectEvents(new TeamMemberReleased(CANDIDATE, EXPERT, "So grateful for your help.", AT));
        refusedWith(fixture.given(REGISTERED, STARTED, EXPERT_ADDED,
                        new TeamMemberReleased(CANDIDATE, EXPERT, "Thanks", AT))
                .when(new ReleaseTeamMember(CANDIDATE, EXPERT, "Thanks again", AT)), Rule.TEAM_MEMBER_UNKNOWN);
    }

    @Test
    void erasure_isRecorded() {
        fixture.given(REGISTERED, STARTED)
                .when(new ErasePersonalData(CANDIDATE, AT))
                .expectEvents(new CandidatePersonalDataErased(CANDIDATE, AT));
    }

    @Test
    void anErasedCandidate_takesNoCommands() {
        CandidatePersonalDataErased erased = new CandidatePersonalDataErased(CANDIDATE, AT);
        refusedWith(fixture.given(REGISTERED, erased).when(new ErasePersonalData(CANDIDATE, AT)), Rule.CANDIDATE_ERASED);
        refusedWith(fixture.given(REGISTERED, STARTED, erased).when(new EndJobSearch(CANDIDATE, SearchOutcome.OTHER, AT)),
                Rule.CANDIDATE_ERASED);
        refusedWith(fixture.given(REGISTERED, erased).when(new StartJobSearch(CANDIDATE, AT)), Rule.CANDIDATE_ERASED);
        refusedWith(fixture.given(REGISTERED, erased).when(new ChangeEmploymentStatus(CANDIDATE, true, AT)),
                Rule.CANDIDATE_ERASED);
        refusedWith(fixture.given(REGISTERED, erased).when(new AddTeamMember(CANDIDATE, EXPERT, TeamRole.EXPERT,
                Commitment.SHORT_TERM, null, AT)), Rule.CANDIDATE_ERASED);
        refusedWith(fixture.given(REGISTERED, EXPERT_ADDED, erased)
                .when(new ReleaseTeamMember(CANDIDATE, EXPERT, "Thanks", AT)), Rule.CANDIDATE_ERASED);
    }
}
