package io.candor.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.candor.command.ApiClient.Reply;
import io.candor.events.opportunity.OpportunityEvent.OfferAccepted;
import io.candor.events.opportunity.OpportunityEvent.OfferDeclined;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.candor.command.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thirty-two clients decide one open offer at the same moment, half accepting it and half declining it, through two
 * command-side applications that share one MongoDB (each with its own command bus, locks and repository, as two
 * processes would be): exactly one decision is stored, every other client is told 409 (it lost the race to append)
 * or 422 OFFER_DECIDED_ONCE (it loaded the decided offer), and the opportunity's stream stays gap-free. The command
 * metrics count each lost race as a conflict.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("embedded")
class ConflictingCommandsTest {

    private static final int CLIENTS = 32;
    private static ServletWebServerApplicationContext secondProcess;

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    EventStore events;
    @Autowired
    Environment environment;
    @Autowired
    MeterRegistry meters;

    private ApiClient first;
    private ApiClient second;

    @BeforeEach
    void twoCommandSides() {
        if (secondProcess == null) {
            secondProcess = (ServletWebServerApplicationContext) new SpringApplicationBuilder(
                    CommandSideApplication.class)
                    .properties("server.port=0", "MONGODB_URI=" + environment.getProperty("spring.data.mongodb.uri"))
                    .run();
        }
        first = new ApiClient(json, port);
        second = new ApiClient(json, secondProcess.getWebServer().getPort());
    }

    @AfterAll
    static void stopSecondProcess() {
        if (secondProcess != null) {
            secondProcess.close();
            secondProcess = null;
        }
    }

    /** The commands the metrics counted as lost races (409), in one process. */
    private static long conflictsCounted(MeterRegistry registry) {
        return registry.find("candor.command").tag("outcome", "conflict").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    @RepeatedTest(3)
    void thirtyTwoClientsDecidingOneOffer_storeExactlyOneDecision_andTheRestGet409Or422() throws Exception {
        String opportunity = first.openOffer();
        long conflictsBefore = conflictsCounted(meters) + conflictsCounted(secondProcess.getBean(MeterRegistry.class));
        String decline = "/api/opportunities/" + opportunity + "/offer/decline";
        String accept = "/api/opportunities/" + opportunity + "/offer/accept";
        Object declining = body("reason", "COMPENSATION", "channel", "EMAIL",
                "message", "Thank you for the offer; I have decided not to take it.");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Reply>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            ApiClient through = i % 4 < 2 ? first : second;
            boolean accepting = i % 2 == 0;
            clients.add(() -> {
                start.await(10, TimeUnit.SECONDS);
                return accepting ? through.post(accept, body()) : through.post(decline, declining);
            });
        }

        List<Reply> replies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Reply>> pending = new ArrayList<>();
            clients.forEach(client -> pending.add(pool.submit(client)));
            start.countDown();
            for (Future<Reply> reply : pending) {
                replies.add(reply.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(1);
        assertThat(replies).filteredOn(reply -> reply.status() != 200).allSatisfy(reply -> {
            assertThat(reply.status()).as("%s", reply.body()).isIn(409, 422);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            if (reply.status() == 422) {
                assertThat(reply.body().path("rule").asText()).isEqualTo("OFFER_DECIDED_ONCE");
            }
        });
        List<? extends DomainEventMessage<?>> stream = events.readEvents(opportunity).asStream().toList();
        for (int i = 0; i < stream.size(); i++) {
            assertThat(stream.get(i).getSequenceNumber()).isEqualTo(i);
        }
        assertThat(stream).filteredOn(event -> event.getPayload() instanceof OfferAccepted
                || event.getPayload() instanceof OfferDeclined).hasSize(1);
        assertThat(stream).hasSize(5); // invitation, schedule, attendance, offer, the one decision
        long conflicts = replies.stream().filter(reply -> reply.status() == 409).count();
        assertThat(conflictsCounted(meters) + conflictsCounted(secondProcess.getBean(MeterRegistry.class)))
                .isEqualTo(conflictsBefore + conflicts);
    }
}
