package io.candor.command.opportunity;

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
import io.candor.command.opportunity.OpportunityRequests.AcceptanceRequest;
import io.candor.command.opportunity.OpportunityRequests.AlternativePositionRequest;
import io.candor.command.opportunity.OpportunityRequests.AttendanceRequest;
import io.candor.command.opportunity.OpportunityRequests.CancelRequest;
import io.candor.command.opportunity.OpportunityRequests.ContactRequest;
import io.candor.command.opportunity.OpportunityRequests.DeclineRequest;
import io.candor.command.opportunity.OpportunityRequests.InterviewerBody;
import io.candor.command.opportunity.OpportunityRequests.InvitationRequest;
import io.candor.command.opportunity.OpportunityRequests.LessonRequest;
import io.candor.command.opportunity.OpportunityRequests.MissedRequest;
import io.candor.command.opportunity.OpportunityRequests.NoteRequest;
import io.candor.command.opportunity.OpportunityRequests.OfferDeclineRequest;
import io.candor.command.opportunity.OpportunityRequests.OfferRequest;
import io.candor.command.opportunity.OpportunityRequests.RejectionRequest;
import io.candor.command.opportunity.OpportunityRequests.RescheduleRequest;
import io.candor.command.opportunity.OpportunityRequests.ScheduleRequest;
import io.candor.command.opportunity.OpportunityRequests.WithdrawalRequest;
import io.candor.command.web.CommandClock;
import io.candor.command.web.CommandResponse;
import io.candor.command.web.CommandSender;
import io.candor.command.web.Ids;
import io.candor.command.web.PersonBody;
import io.candor.events.Certainty;
import io.candor.events.Interviewer;
import io.candor.events.OpportunityId;
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

import java.time.Instant;
import java.util.List;

/**
 * The opportunity's commands over HTTP: each endpoint turns its body into one command, filling missing instants
 * with now. The aggregate decides; refusals become problem+json in the command problem handler.
 */
@RestController
// JSON only, decided when the request is mapped: an Accept the answer cannot meet is a 406 before the command
// runs, never after its events were stored.
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Opportunities", description = "Commands on one opportunity: interviews, declines, offers, lessons")
class OpportunityController {

    private final CommandSender sender;
    private final CommandClock clock;

    OpportunityController(CommandSender sender, CommandClock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    @Operation(summary = "RecordInvitation: open an opportunity for a candidate (201 {id})")
    @PostMapping(path = "/api/candidates/{id}/opportunities", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> recordInvitation(@PathVariable("id") String candidateId,
                                                     @RequestBody @Valid InvitationRequest body) {
        OpportunityId opportunity = OpportunityId.generate();
        return sender.send(new RecordInvitation(opportunity, Ids.candidate(candidateId), body.company().strip(),
                body.role().strip(), body.source(), body.channel(), clock.orNow(body.receivedAt()), body.interest(),
                PersonBody.toPersonOrNull(body.referrer()), body.companySignals()), opportunity.value(),
                HttpStatus.CREATED);
    }

    @Operation(summary = "ScheduleInterview: agree the next round (201 {round})")
    @PostMapping(path = "/api/opportunities/{id}/interviews", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> scheduleInterview(@PathVariable String id,
                                                      @RequestBody @Valid ScheduleRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        return sender.sendForRound(new ScheduleInterview(opportunity, body.scheduledFor(), body.channel(),
                clock.orNow(body.agreedAt())), opportunity.value());
    }

    @Operation(summary = "RescheduleInterview: move the scheduled round")
    @PostMapping(path = "/api/opportunities/{id}/interviews/{round}/reschedule",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> rescheduleInterview(@PathVariable String id, @PathVariable int round,
                                                        @RequestBody @Valid RescheduleRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        return ok(new RescheduleInterview(opportunity, round, body.scheduledFor(), body.reason(), body.explanation(),
                body.channel(), body.message(), clock.orNow(body.notifiedAt())), opportunity);
    }

    @Operation(summary = "CancelInterview: call off the scheduled round; decidedAt defaults to notifiedAt")
    @PostMapping(path = "/api/opportunities/{id}/interviews/{round}/cancel",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> cancelInterview(@PathVariable String id, @PathVariable int round,
                                                    @RequestBody @Valid CancelRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        Instant notifiedAt = clock.orNow(body.notifiedAt());
        return ok(new CancelInterview(opportunity, round, body.reason(), body.explanation(), body.channel(),
                body.message(), body.decidedAt() == null ? notifiedAt : body.decidedAt(), notifiedAt), opportunity);
    }

    @Operation(summary = "RecordInterviewAttended: the round took place")
    @PostMapping(path = "/api/opportunities/{id}/interviews/{round}/attendance",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> recordAttendance(@PathVariable String id, @PathVariable int round,
                                                     @RequestBody @Valid AttendanceRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        List<Interviewer> interviewers = body.interviewers() == null ? List.of() : body.interviewers().stream()
                .map(OpportunityController::interviewer).toList();
        return ok(new RecordInterviewAttended(opportunity, round, clock.orNow(body.attendedAt()), interviewers,
                body.questions(), body.resumeClarifications(), body.insights(), body.fit()), opportunity);
    }

    @Operation(summary = "RecordInterviewMissed: the candidate did not show up")
    @PostMapping(path = "/api/opportunities/{id}/interviews/{round}/missed")
    ResponseEntity<CommandResponse> recordMissed(@PathVariable String id, @PathVariable int round,
                                                 @RequestBody(required = false) @Valid MissedRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        return ok(new RecordInterviewMissed(opportunity, round, body == null ? null : body.explanation()),
                opportunity);
    }

    @Operation(summary = "DeclineInvitation: turn the invitation down before agreeing to an interview")
    @PostMapping(path = "/api/opportunities/{id}/decline", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> declineInvitation(@PathVariable String id,
                                                      @RequestBody @Valid DeclineRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        Instant notifiedAt = clock.orNow(body.notifiedAt());
        return ok(new DeclineInvitation(opportunity, body.reason(), body.explanation(),
                body.certainty() == null ? Certainty.CERTAIN : body.certainty(), body.channel(), body.message(),
                PersonBody.toPersonOrNull(body.referredCandidate()),
                body.decidedAt() == null ? notifiedAt : body.decidedAt(), notifiedAt), opportunity);
    }

    @Operation(summary = "WithdrawFromProcess: leave after an attended interview, with thanks")
    @PostMapping(path = "/api/opportunities/{id}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> withdraw(@PathVariable String id, @RequestBody @Valid WithdrawalRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        return ok(new WithdrawFromProcess(opportunity, body.reason(), body.explanation(), body.channel(),
                body.message(), clock.orNow(body.withdrawnAt())), opportunity);
    }

    @Operation(summary = "RecordRejection: the employer said no")
    @PostMapping(path = "/api/opportunities/{id}/rejection")
    ResponseEntity<CommandResponse> recordRejection(@PathVariable String id,
                                                    @RequestBody(required = false) @Valid RejectionRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        return ok(new RecordRejection(opportunity, body == null ? null : body.feedback(),
                clock.orNow(body == null ? null : body.rejectedAt())), opportunity);
    }

    @Operation(summary = "RecordOffer: the employer made (or revised) an offer")
    @PostMapping(path = "/api/opportunities/{id}/offer", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> recordOffer(@PathVariable String id, @RequestBody @Valid OfferRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        return ok(new RecordOffer(opportunity, body.salary(), body.currency(), body.respondBy(),
                clock.orNow(body.receivedAt())), opportunity);
    }

    @Operation(summary = "DeclineOffer: turn the open offer down")
    @PostMapping(path = "/api/opportunities/{id}/offer/decline", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> declineOffer(@PathVariable String id,
                                                 @RequestBody @Valid OfferDeclineRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        return ok(new DeclineOffer(opportunity, body.reason(), body.explanation(), body.channel(), body.message(),
                clock.orNow(body.declinedAt())), opportunity);
    }

    @Operation(summary = "AcceptOffer: accept the open offer (body optional)")
    @PostMapping(path = "/api/opportunities/{id}/offer/accept")
    ResponseEntity<CommandResponse> acceptOffer(@PathVariable String id,
                                                @RequestBody(required = false) @Valid AcceptanceRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        return ok(new AcceptOffer(opportunity, clock.orNow(body == null ? null : body.acceptedAt())), opportunity);
    }

    @Operation(summary = "ProposeAlternativePosition: opens a linked opportunity (201 {id} of the new one)")
    @PostMapping(path = "/api/opportunities/{id}/alternative-position", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> proposeAlternativePosition(@PathVariable String id,
                                                               @RequestBody @Valid AlternativePositionRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        OpportunityId linked = OpportunityId.generate();
        return sender.send(new ProposeAlternativePosition(opportunity, linked, body.role().strip(),
                clock.orNow(body.proposedAt())), linked.value(), HttpStatus.CREATED);
    }

    @Operation(summary = "RecordLesson: something learned from this opportunity (201)")
    @PostMapping(path = "/api/opportunities/{id}/lessons", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> recordLesson(@PathVariable String id, @RequestBody @Valid LessonRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        return sender.send(new RecordLesson(opportunity, body.category(), body.text(),
                clock.orNow(body.learnedAt())), opportunity.value(), HttpStatus.CREATED);
    }

    @Operation(summary = "RecordContact: a person met along the way (201)")
    @PostMapping(path = "/api/opportunities/{id}/contacts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> recordContact(@PathVariable String id, @RequestBody @Valid ContactRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        return sender.send(new RecordContact(opportunity, body.contact().toPerson(), body.title(), body.role(),
                clock.orNow(body.metAt()), body.note()), opportunity.value(), HttpStatus.CREATED);
    }

    @Operation(summary = "AddNote: a free-text note (201)")
    @PostMapping(path = "/api/opportunities/{id}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommandResponse> addNote(@PathVariable String id, @RequestBody @Valid NoteRequest body) {
        OpportunityId opportunity = Ids.opportunity(id);
        return sender.send(new AddNote(opportunity, body.text(), clock.orNow(body.notedAt())), opportunity.value(),
                HttpStatus.CREATED);
    }

    private ResponseEntity<CommandResponse> ok(Object command, OpportunityId opportunity) {
        return sender.send(command, opportunity.value(), HttpStatus.OK);
    }

    private static Interviewer interviewer(InterviewerBody body) {
        return new Interviewer(body.name().strip(), body.email(), body.title(), body.role());
    }
}
