package io.candor.command.candidate;

import io.candor.command.candidate.CandidateCommand.AddTeamMember;
import io.candor.command.candidate.CandidateCommand.ChangeEmploymentStatus;
import io.candor.command.candidate.CandidateCommand.EndJobSearch;
import io.candor.command.candidate.CandidateCommand.ErasePersonalData;
import io.candor.command.candidate.CandidateCommand.RegisterCandidate;
import io.candor.command.candidate.CandidateCommand.ReleaseTeamMember;
import io.candor.command.candidate.CandidateCommand.StartJobSearch;
import io.candor.command.rules.MessagePolicy;
import io.candor.events.CandidateId;
import io.candor.events.FirmId;
import io.candor.events.Person;
import io.candor.events.candidate.CandidateEvent.CandidatePersonalDataErased;
import io.candor.events.candidate.CandidateEvent.CandidateRegistered;
import io.candor.events.candidate.CandidateEvent.EmploymentStatusChanged;
import io.candor.events.candidate.CandidateEvent.JobSearchEnded;
import io.candor.events.candidate.CandidateEvent.JobSearchStarted;
import io.candor.events.candidate.CandidateEvent.TeamMemberAdded;
import io.candor.events.candidate.CandidateEvent.TeamMemberReleased;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static io.candor.command.rules.Rule.CANDIDATE_ERASED;
import static io.candor.command.rules.Rule.NO_ACTIVE_SEARCH;
import static io.candor.command.rules.Rule.RELEASE_WITH_THANKS;
import static io.candor.command.rules.Rule.SEARCH_ALREADY_ACTIVE;
import static io.candor.command.rules.Rule.TEAM_MEMBER_ALREADY_ADDED;
import static io.candor.command.rules.Rule.TEAM_MEMBER_UNKNOWN;
import static io.candor.command.rules.RuleViolation.refuseIf;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The person searching: registered under a firm, their search started and ended, employed or not, their
 * job-search team (seed 000: long-haul family and friends, short-term experts let go with thanks), and the
 * erasure of their personal data, after which they take no more commands.
 */
@Aggregate(cache = "candidateCache")
class Candidate {

    @AggregateIdentifier
    private CandidateId id;
    private boolean searching;
    private boolean erased;
    private final Set<String> team = new HashSet<>();

    /** Axon rebuilds the aggregate from its events, starting from this empty instance. */
    Candidate() {
    }

    @CommandHandler
    Candidate(RegisterCandidate command) {
        FirmId firm = command.firmId() == null ? FirmId.INDEPENDENT : command.firmId();
        apply(new CandidateRegistered(command.candidateId(), firm, command.displayName(), command.email(),
                command.employed(), command.registeredAt()));
        apply(new JobSearchStarted(command.candidateId(), command.registeredAt()));
    }

    @CommandHandler
    void handle(StartJobSearch command) {
        refuseIfErased();
        refuseIf(searching, SEARCH_ALREADY_ACTIVE);
        apply(new JobSearchStarted(id, command.startedAt()));
    }

    @CommandHandler
    void handle(EndJobSearch command) {
        refuseIfErased();
        refuseIf(!searching, NO_ACTIVE_SEARCH);
        apply(new JobSearchEnded(id, command.outcome(), command.endedAt()));
    }

    @CommandHandler
    void handle(ChangeEmploymentStatus command) {
        refuseIfErased();
        apply(new EmploymentStatusChanged(id, command.employed(), command.changedAt()));
    }

    @CommandHandler
    void handle(AddTeamMember command) {
        refuseIfErased();
        refuseIf(team.contains(key(command.member())), TEAM_MEMBER_ALREADY_ADDED);
        apply(new TeamMemberAdded(id, command.member(), command.role(), command.commitment(), command.helpsWith(),
                command.addedAt()));
    }

    /** RELEASE_WITH_THANKS: seed 000 lets short-term helpers go, with gratitude for their contribution. */
    @CommandHandler
    void handle(ReleaseTeamMember command) {
        refuseIfErased();
        refuseIf(!team.contains(key(command.member())), TEAM_MEMBER_UNKNOWN);
        refuseIf(!MessagePolicy.thanks(command.thanks()), RELEASE_WITH_THANKS);
        apply(new TeamMemberReleased(id, command.member(), command.thanks(), command.releasedAt()));
    }

    @CommandHandler
    void handle(ErasePersonalData command) {
        refuseIfErased();
        apply(new CandidatePersonalDataErased(id, command.erasedAt()));
    }

    /** CANDIDATE_ERASED: an erased candidate takes no commands, and no opportunity is opened for them. */
    void refuseIfErased() {
        refuseIf(erased, CANDIDATE_ERASED);
    }

    /** A team member is the same person by e-mail when there is one, else by name, in any case. */
    private static String key(Person member) {
        String email = member.email();
        return (email == null || email.isBlank() ? "name:" + member.name() : "email:" + email.strip())
                .toLowerCase(Locale.ROOT);
    }

    @EventSourcingHandler
    void on(CandidateRegistered event) {
        id = event.candidateId();
    }

    @EventSourcingHandler
    void on(JobSearchStarted event) {
        searching = true;
    }

    @EventSourcingHandler
    void on(JobSearchEnded event) {
        searching = false;
    }

    @EventSourcingHandler
    void on(TeamMemberAdded event) {
        team.add(key(event.member()));
    }

    @EventSourcingHandler
    void on(TeamMemberReleased event) {
        team.remove(key(event.member()));
    }

    @EventSourcingHandler
    void on(CandidatePersonalDataErased event) {
        erased = true;
    }
}
