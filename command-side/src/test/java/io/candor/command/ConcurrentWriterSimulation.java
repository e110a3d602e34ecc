package io.candor.command;

import io.candor.command.opportunity.OpportunityCommand.AddNote;
import io.candor.events.opportunity.OpportunityEvent.NoteAdded;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Instant;
import java.util.List;

/**
 * Tests only: plays another process that stores an event on the same opportunity between this process's load
 * and its append. It reacts only to a note whose text is {@link #TRIGGER}, appending an event with the sequence
 * number the command is about to use, so the command's own append meets the store's unique index.
 */
@TestConfiguration(proxyBeanMethods = false)
class ConcurrentWriterSimulation {

    static final String TRIGGER = "simulate a concurrent writer";

    @Bean
    ConfigurerModule concurrentWriterSimulation(EventStorageEngine storage) {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof AddNote note && TRIGGER.equals(note.text())) {
                unitOfWork.onPrepareCommit(u -> {
                    String id = note.opportunityId().value();
                    long next = storage.lastSequenceNumberFor(id).orElse(-1L) + 1;
                    storage.appendEvents(List.of(new GenericDomainEventMessage<>("Opportunity", id, next,
                            new NoteAdded(note.opportunityId(), null, "written elsewhere", Instant.now()))));
                });
            }
            return chain.proceed();
        };
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.EXTERNAL_CONNECTIONS,
                () -> config.commandBus().registerHandlerInterceptor(interceptor)));
    }
}
