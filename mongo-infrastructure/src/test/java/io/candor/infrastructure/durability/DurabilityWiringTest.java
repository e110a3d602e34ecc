package io.candor.infrastructure.durability;

import io.candor.infrastructure.embedded.EmbeddedMongo;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = DurabilityWiringTest.App.class,
        properties = {"candor.embedded.enabled=true", "candor.embedded.in-memory=true",
                "axon.axonserver.enabled=false"})
class DurabilityWiringTest {

    private final WriteDurability writeDurability;
    private final EmbeddedMongo embeddedMongo;
    private final CommandGateway commandGateway;

    @Autowired
    DurabilityWiringTest(WriteDurability writeDurability, EmbeddedMongo embeddedMongo, CommandGateway commandGateway) {
        this.writeDurability = writeDurability;
        this.embeddedMongo = embeddedMongo;
        this.commandGateway = commandGateway;
    }

    @Test
    void theEmbeddedServersGroupCommit_isTheContextsWriteDurability() {
        assertThat(writeDurability).isSameAs(embeddedMongo.writeDurability());
    }

    @Test
    void everyCommand_waitsForDurability_beforeItsResultIsReturned() {
        long before = embeddedMongo.writeDurability().ticketsTaken();

        String result = commandGateway.sendAndWait(new Ping("hello"));

        assertThat(result).isEqualTo("pong hello");
        assertThat(embeddedMongo.writeDurability().ticketsTaken()).isEqualTo(before + 1);
    }

    record Ping(String text) {
    }

    static class PingHandler {
        @CommandHandler
        String handle(Ping ping) {
            return "pong " + ping.text();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        PingHandler pingHandler() {
            return new PingHandler();
        }
    }

}
