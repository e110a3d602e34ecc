package io.candor.command.web;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Sends a command and answers with its {@link CommandResponse}: status, body and {@code Candor-Position}
 * header. The command carries who sent it and the request's correlation id ({@link CommandAudit}), and so do the
 * events it records. A refused command throws; the problem handler turns that into problem+json.
 */
@Component
public class CommandSender {

    public static final String POSITION_HEADER = "Candor-Position";

    private final CommandGateway commandGateway;

    CommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** Sends {@code command} about {@code id}; answers {@code status} with that id. */
    public ResponseEntity<CommandResponse> send(Object command, String id, HttpStatus status) {
        new CommandIntent(status.value(), id, false).noteOnCurrentRequest();
        CommandOutcome outcome = dispatch(command);
        return respond(status, new CommandResponse(id, null, outcome.position()));
    }

    /** Sends {@code command} whose handler returns the new round number; answers 201 with it. */
    public ResponseEntity<CommandResponse> sendForRound(Object command, String id) {
        new CommandIntent(HttpStatus.CREATED.value(), id, true).noteOnCurrentRequest();
        CommandOutcome outcome = dispatch(command);
        return respond(HttpStatus.CREATED, new CommandResponse(id, (Integer) outcome.result(), outcome.position()));
    }

    private CommandOutcome dispatch(Object command) {
        Object result = commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(CommandAudit.ofCurrentRequest()));
        if (result instanceof CommandOutcome outcome) {
            return outcome;
        }
        return new CommandOutcome(result);
    }

    private static ResponseEntity<CommandResponse> respond(HttpStatus status, CommandResponse body) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
        if (body.position() != null) {
            builder.header(POSITION_HEADER, body.position().header());
        }
        return builder.body(body);
    }
}
