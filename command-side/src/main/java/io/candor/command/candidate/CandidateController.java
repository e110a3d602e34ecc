package io.candor.command.candidate;

import io.candor.command.candidate.CandidateCommand.AddTeamMember;
import io.candor.command.candidate.CandidateCommand.ChangeEmploymentStatus;
import io.candor.command.candidate.CandidateCommand.EndJobSearch;
import io.candor.command.candidate.CandidateCommand.ErasePersonalData;
import io.candor.command.candidate.CandidateCommand.RegisterCandidate;
import io.candor.command.candidate.CandidateCommand.ReleaseTeamMember;
import io.candor.command.candidate.CandidateCommand.StartJobSearch;
import io.candor.command.candidate.CandidateRequests.EmploymentRequest;
import io.candor.command.candidate.CandidateRequests.ErasureRequest;
import io.candor.command.candidate.CandidateRequests.RegistrationRequest;
import io.candor.command.candidate.CandidateRequests.ReleaseRequest;
import io.candor.command.candidate.CandidateRequests.SearchEndRequest;
import io.candor.command.candidate.CandidateRequests.SearchStartRequest;
import io.candor.command.candidate.CandidateRequests.TeamMemberRequest;
import io.candor.command.web.CommandClock;
import io.candor.command.web.CommandResponse;
import io.candor.command.web.CommandSender;
import io.candor.command.web.ForbiddenCommandException;
import io.candor.command.web.Ids;
import io.candor.events.CandidateId;
import io.candor.events.FirmId;
import io.candor.infrastructure.personaldata.CandidateKeys;
import io.candor.infrastructure.security.CandorUser;
import io.candor.infrastructure.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** The candidate's commands over HTTP: registration, search, employment, team and erasure. */
@RestController
// JSON only, decided when the request is mapped: an Accept the answer cannot meet is a 406 before the command
// runs, never after its events were stored.
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Candidates", description = "Commands on a candidate: registration, search, team, erasure")
class CandidateController {

    private final CommandSender sender;
    private final CommandClock clock;
    private final CandidateKeys candidateKeys;

    CandidateController(CommandSender sender, CommandClock clock, CandidateKeys candidateKeys) {
        this.sender = sender;
        this.clock = clock;
        this.candidateKeys = candidateKeys;
    }

    @Operation(summary = "RegisterCandidate: register and start the first search (201 {id})")
    @PostMapping(path = "/api/candidates", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> register(@RequestBody @Valid RegistrationRequest body) {
        CandidateId candidate = CandidateId.generate();
        FirmId firm = firmOf(body);
        return sender.send(new RegisterCandidate(candidate, firm, body.displayName().strip(), body.email().strip(),
                body.employed(), clock.orNow(body.registeredAt())), candidate.value(), HttpStatus.CREATED);
    }

    @Operation(summary = "StartJobSearch: begin a search again")
    @PostMapping(path = "/api/candidates/{id}/search/start")
    ResponseEntity<CommandResponse> startSearch(@PathVariable String id,
                                                @RequestBody(required = false) @Valid SearchStartRequest body) {
        CandidateId candidate = Ids.candidate(id);
        return ok(new StartJobSearch(candidate, clock.orNow(body == null ? null : body.startedAt())), candidate);
    }

    @Operation(summary = "EndJobSearch: end the active search with its outcome")
    @PostMapping(path = "/api/candidates/{id}/search/end", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> endSearch(@PathVariable String id, @RequestBody @Valid SearchEndRequest body) {
        CandidateId candidate = Ids.candidate(id);
        return ok(new EndJobSearch(candidate, body.outcome(), clock.orNow(body.endedAt())), candidate);
    }

    @Operation(summary = "ChangeEmploymentStatus: employed or not")
    @PostMapping(path = "/api/candidates/{id}/employment", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> changeEmployment(@PathVariable String id,
                                                     @RequestBody @Valid EmploymentRequest body) {
        CandidateId candidate = Ids.candidate(id);
        return ok(new ChangeEmploymentStatus(candidate, body.employed(), clock.orNow(body.changedAt())), candidate);
    }

    @Operation(summary = "AddTeamMember: someone joins the job-search team (201)")
    @PostMapping(path = "/api/candidates/{id}/team", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> addTeamMember(@PathVariable String id,
                                                  @RequestBody @Valid TeamMemberRequest body) {
        CandidateId candidate = Ids.candidate(id);
        return sender.send(new AddTeamMember(candidate, body.member().toPerson(), body.role(), body.commitment(),
                body.helpsWith(), clock.orNow(body.addedAt())), candidate.value(), HttpStatus.CREATED);
    }

    @Operation(summary = "ReleaseTeamMember: let a team member go, with thanks")
    @PostMapping(path = "/api/candidates/{id}/team/release", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> releaseTeamMember(@PathVariable String id,
                                                      @RequestBody @Valid ReleaseRequest body) {
        CandidateId candidate = Ids.candidate(id);
        return ok(new ReleaseTeamMember(candidate, body.member().toPerson(), body.thanks(),
                clock.orNow(body.releasedAt())), candidate);
    }

    @Operation(summary = "ErasePersonalData: erase the candidate's personal data; no commands after")
    @PostMapping(path = "/api/candidates/{id}/erasure")
    ResponseEntity<CommandResponse> erase(@PathVariable String id,
                                          @RequestBody(required = false) @Valid ErasureRequest body) {
        CandidateId candidate = Ids.candidate(id);
        // The key goes first: no event recorded after the erasure event can be encrypted under it. Should the
        // command then be refused, the erasure was asked for all the same; the query side erases it again from the
        // event, should this process die between the two.
        candidateKeys.erase(candidate.value());
        return ok(new ErasePersonalData(candidate, clock.orNow(body == null ? null : body.erasedAt())), candidate);
    }

    /**
     * The firm to register under: as given, or {@code independent}; with security on, the signed-in recruiter's own
     * firm, and no other (a candidate user registers nobody).
     */
    private static FirmId firmOf(RegistrationRequest body) {
        Optional<CandorUser> user = CandorUser.current();
        if (user.isEmpty()) {
            return body.firmId() == null ? FirmId.INDEPENDENT : FirmId.of(body.firmId());
        }
        if (!user.get().has(Role.RECRUITER)) {
            throw new ForbiddenCommandException("firmId", "Only a recruiter registers candidates");
        }
        if (body.firmId() != null && !body.firmId().equals(user.get().firmId())) {
            throw new ForbiddenCommandException("firmId", "A recruiter registers candidates under their own firm only");
        }
        return FirmId.of(user.get().firmId());
    }

    private ResponseEntity<CommandResponse> ok(Object command, CandidateId candidate) {
        return sender.send(command, candidate.value(), HttpStatus.OK);
    }
}
