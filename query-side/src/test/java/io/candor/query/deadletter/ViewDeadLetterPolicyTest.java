package io.candor.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewDeadLetterPolicyTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-24T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final ViewDeadLetterPolicy policy = new ViewDeadLetterPolicy("timeline", 3, clock);
    private final EventMessage<?> event = GenericEventMessage.asEventMessage("an event");
    private final RuntimeException failure = new IllegalStateException("briefly short");

    private void fails() {
        assertThatThrownBy(() -> policy.decide(new GenericDeadLetter<>("c", event, failure), failure))
                .as("thrown on: its batch is handled again").isSameAs(failure);
    }

    @Test
    void anEventFailingThreeTimesInARow_isParkedTheThirdTime() {
        fails();
        now.set(now.get().plusSeconds(1));
        fails();
        now.set(now.get().plusSeconds(2));

        assertThat(policy.decide(new GenericDeadLetter<>("c", event, failure), failure).shouldEnqueue()).isTrue();
    }

    @Test
    void theFailuresOfAnEventThatPassedSince_doNotCountAgainstItLater() {
        fails();
        fails();
        now.set(now.get().plus(ViewDeadLetterPolicy.IN_A_ROW).plus(Duration.ofSeconds(1))); // it passed; later:

        fails();
        fails();
        assertThat(policy.decide(new GenericDeadLetter<>("c", event, failure), failure).shouldEnqueue()).isTrue();
    }
}
