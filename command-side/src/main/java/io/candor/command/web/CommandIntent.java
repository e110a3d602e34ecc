package io.candor.command.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Optional;

/**
 * What a command's success will answer, known before it is sent: the status and the id of the
 * {@link CommandResponse}, and whether it carries a round. Kept on the HTTP request, so that when the command
 * fails in a way that hides whether its events were stored, and they were, its response can still be given
 * (see the idempotency filter).
 */
public record CommandIntent(int status, String id, boolean withRound) {

    private static final String ATTRIBUTE = CommandIntent.class.getName();

    /** Notes the intent on the current HTTP request, if there is one. */
    void noteOnCurrentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            attributes.getRequest().setAttribute(ATTRIBUTE, this);
        }
    }

    /** The intent of the command that {@code request} sent, if it sent one. */
    public static Optional<CommandIntent> of(HttpServletRequest request) {
        return Optional.ofNullable((CommandIntent) request.getAttribute(ATTRIBUTE));
    }
}
