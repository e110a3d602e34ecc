package io.candor.command.web;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Finds the position of the last event each command stores. An event dispatch interceptor notes every domain
 * event's aggregate and sequence number in the command's unit of work as the aggregate applies it (sequence
 * numbers are fixed at that moment); a command handler interceptor returns the last one noted with the
 * handler's result, as a {@link CommandOutcome}. The command bus handles commands on the caller's thread, so
 * both see the same unit of work. If the commit fails, the caller gets the failure, never the position.
 */
@Configuration(proxyBeanMethods = false)
class CommandPositions {

    static final String LAST_POSITION = CommandPositions.class.getName() + ".lastPosition";

    @Bean
    ConfigurerModule commandPositionsConfigurerModule() {
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.EXTERNAL_CONNECTIONS, () -> {
            config.eventBus().registerDispatchInterceptor(new NoteEventPositions());
            config.commandBus().registerHandlerInterceptor(new ReturnLastPosition());
        }));
    }

    /** Notes each domain event's position in the root unit of work that publishes it. */
    static final class NoteEventPositions implements MessageDispatchInterceptor<EventMessage<?>> {

        @Override
        public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
            return (index, message) -> {
                if (message instanceof DomainEventMessage<?> domainEvent && CurrentUnitOfWork.isStarted()) {
                    CurrentUnitOfWork.get().root().resources().put(LAST_POSITION,
                            new EventPosition(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber()));
                }
                return message;
            };
        }
    }

    /** Hands the handler's result back with the last position noted while it ran. */
    static final class ReturnLastPosition implements MessageHandlerInterceptor<CommandMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
                throws Exception {
            Object result = interceptorChain.proceed();
            EventPosition position = unitOfWork.root().getResource(LAST_POSITION);
            return new CommandOutcome(result, position);
        }
    }
}
