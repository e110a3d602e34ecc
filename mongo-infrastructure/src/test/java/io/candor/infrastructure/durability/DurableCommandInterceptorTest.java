package io.candor.infrastructure.durability;

import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class DurableCommandInterceptorTest {

    private final List<String> order = new ArrayList<>();
    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();

    DurableCommandInterceptorTest() {
        commandBus.registerHandlerInterceptor(new DurableCommandInterceptor(() -> order.add("durable")));
    }

    @Test
    void theResult_isHandedBackOnlyAfterTheCommittedWritesAreDurable() {
        commandBus.subscribe(String.class.getName(), command -> {
            CurrentUnitOfWork.get().onPrepareCommit(uow -> order.add("events stored"));
            return "done";
        });
        AtomicReference<CommandResultMessage<?>> result = new AtomicReference<>();

        commandBus.dispatch(GenericCommandMessage.asCommandMessage("register"), (command, response) -> {
            order.add("result sent");
            result.set(response);
        });

        assertThat(order).containsExactly("events stored", "durable", "result sent");
        assertThat(result.get().getPayload()).isEqualTo("done");
    }

    @Test
    void aRefusedCommand_storesNothing_andWaitsForNothing() {
        commandBus.subscribe(String.class.getName(), command -> {
            throw new IllegalArgumentException("refused");
        });
        AtomicReference<CommandResultMessage<?>> result = new AtomicReference<>();

        commandBus.dispatch(GenericCommandMessage.asCommandMessage("register"), (command, response) -> {
            order.add("result sent");
            result.set(response);
        });

        assertThat(order).containsExactly("result sent");
        assertThat(result.get().isExceptional()).isTrue();
    }
}
