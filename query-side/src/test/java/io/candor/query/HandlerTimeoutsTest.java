package io.candor.query;

import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Axon's timeouts as the views run with them: none around each event handler call (a stack trace and a scheduled
 * warning per call, for handlers that only change what their batch will write), Axon's own around each batch.
 */
class HandlerTimeoutsTest extends QuerySideSpringTest {

    @Autowired
    TimeoutProperties timeouts;

    @Test
    void eventHandlerCalls_areNotTimed_butEachBatchIs() {
        assertThat(timeouts.isEnabled()).isTrue();
        assertThat(timeouts.getHandler().getEvents().getTimeoutMs()).isNegative();
        assertThat(timeouts.getHandler().getEvents().getWarningThresholdMs()).isNegative();
        assertThat(timeouts.getHandler().getQueries().getTimeoutMs()).isPositive();
        assertThat(timeouts.getTransaction().getEventProcessors().getTimeoutMs()).isPositive();
        assertThat(timeouts.getTransaction().getEventProcessors().getWarningThresholdMs()).isPositive();
    }
}
