package io.candor.command.web;

import io.candor.infrastructure.security.CandorUser;
import io.candor.infrastructure.web.CorrelationIds;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.candor.events.AuditMetaData.ANONYMOUS;
import static io.candor.events.AuditMetaData.ATTEMPT_ID;
import static io.candor.events.AuditMetaData.CORRELATION_ID;
import static io.candor.events.AuditMetaData.FIRM_ID;
import static io.candor.events.AuditMetaData.RECORDED_BY;

/**
 * Who recorded an event and in which request ({@link io.candor.events.AuditMetaData}): a command takes, from the
 * HTTP request that sends it, who sent it (the signed-in user's name and firm; anonymous when security is off)
 * and the request's {@link CorrelationIds correlation id}; the events it records take both from
 * the command. When it was recorded is the event message's own timestamp.
 * <p>
 * The provider here replaces Axon's default {@code MessageOriginProvider}, whose correlation id is the identifier
 * of the message handled: a command's correlation id is kept instead, so one id runs from the request to its
 * events. {@code traceId} keeps Axon's meaning (the first message of the chain).
 */
@Configuration(proxyBeanMethods = false)
public class CommandAudit {

    /**
     * The request attribute holding the id of this attempt of an idempotent request (set by the idempotency
     * filter); the command and its events carry it as {@link io.candor.events.AuditMetaData#ATTEMPT_ID}.
     */
    public static final String ATTEMPT_ATTRIBUTE = "candor.idempotency.attempt";

    private static final String TRACE_ID = "traceId";

    /** The audit metadata of the command that the current HTTP request sends. */
    static Map<String, Object> ofCurrentRequest() {
        Map<String, Object> metaData = new HashMap<>();
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                && request.getRequest().getAttribute(ATTEMPT_ATTRIBUTE) instanceof String attempt) {
            metaData.put(ATTEMPT_ID, attempt);
        }
        Optional<CandorUser> signedIn = CandorUser.current();
        if (signedIn.isPresent()) {
            metaData.put(RECORDED_BY, signedIn.get().username());
            if (signedIn.get().firmId() != null) {
                metaData.put(FIRM_ID, signedIn.get().firmId());
            }
        } else {
            Principal user = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                    ? request.getRequest().getUserPrincipal() : null;
            metaData.put(RECORDED_BY, user == null || user.getName() == null ? ANONYMOUS : user.getName());
        }
        CorrelationIds.current().ifPresent(id -> metaData.put(CORRELATION_ID, id));
        return metaData;
    }

    @Bean
    CorrelationDataProvider auditCorrelation() {
        return CommandAudit::correlationDataFor;
    }

    /**
     * The audit data a command passes to the events it records. Only a command has any: nothing that handles an
     * event dispatches a message, and reading an event's metadata for it cost every view a deserialisation per
     * event (measured: 7% of the views' CPU in a replay).
     */
    static Map<String, ?> correlationDataFor(Message<?> message) {
        if (!(message instanceof CommandMessage<?>)) {
            return Map.of();
        }
        Map<String, Object> data = new HashMap<>();
        data.put(CORRELATION_ID, message.getMetaData().getOrDefault(CORRELATION_ID, message.getIdentifier()));
        data.put(TRACE_ID, message.getMetaData().getOrDefault(TRACE_ID, message.getIdentifier()));
        for (String key : new String[]{RECORDED_BY, FIRM_ID, ATTEMPT_ID}) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        return data;
    }
}
