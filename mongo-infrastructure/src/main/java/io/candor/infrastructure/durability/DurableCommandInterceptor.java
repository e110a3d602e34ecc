package io.candor.infrastructure.durability;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Objects;

/**
 * Holds back the result of every command until the events it stored are durable: after the unit of work
 * commits (the events are in the store) and before the command bus hands the result to the caller, and so
 * before the HTTP response is written.
 */
public final class DurableCommandInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final WriteDurability durability;

    public DurableCommandInterceptor(WriteDurability durability) {
        this.durability = Objects.requireNonNull(durability);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        unitOfWork.afterCommit(committed -> durability.awaitDurable());
        return interceptorChain.proceed();
    }
}
