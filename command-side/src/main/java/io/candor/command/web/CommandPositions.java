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
 * Finds the position of the last event each command stores. A command handler interceptor wraps the handler's
 * result in a {@link CommandOutcome} and leaves it in the unit of work; an event dispatch interceptor, which the
 * event bus runs on the unit of work's events as it commits them (sequence numbers were fixed when the aggregate
 * applied them), notes each domain event's aggregate and sequence number in that outcome, so the last noted is
 * the last stored. The command bus handles commands on the caller's thread, so both see the same unit of work.
 * If the commit fails, the caller gets the failure, never a position.
 */
@Configuration(proxyBeanMethods = false)
class CommandPositions {

    static final String OUTCOME = CommandPositions.class.getName() + ".outcome";

    @Bean
    ConfigurerModule commandPositionsConfigurerModule() {
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.EXTERNAL_CONNECTIONS, () -> {
            config.eventBus().registerDispatchInterceptor(new NoteEventPositions());
            config.commandBus().registerHandlerInterceptor(new ReturnLastPosition());
        }));
    }

    /** Notes each domain event's position in the outcome of the command whose unit of work commits it. */
    static final class NoteEventPositions implements MessageDispatchInterceptor<EventMessage<?>> {

        @Override
        public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
            return (index, message) -> {
                if (message instanceof DomainEventMessage<?> domainEvent && CurrentUnitOfWork.isStarted()) {
                    CommandOutcome outcome = CurrentUnitOfWork.get().root().getResource(OUTCOME);
                    if (outcome != null) {
                        outcome.noteEvent(new EventPosition(domainEvent.getAggregateIdentifier(),
                                domainEvent.getSequenceNumber()));
                    }
                }
                return message;
            };
        }
    }

    /** Hands the handler's result back in an outcome that the commit will give its position. */
    static final class ReturnLastPosition implements MessageHandlerInterceptor<CommandMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
                throws Exception {
            Object result = interceptorChain.proceed();
            CommandOutcome outcome = new CommandOutcome(result);
            unitOfWork.root().resources().put(OUTCOME, outcome);
            return outcome;
        }
    }
}
