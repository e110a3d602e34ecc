package io.candor.command.candidate;

import io.candor.command.candidate.CandidateCommand.ErasePersonalData;
import io.candor.command.candidate.CandidateCommand.RegisterCandidate;
import io.candor.command.rules.RuleViolation;
import io.candor.events.CandidateId;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check other aggregates make on a candidate, answered by the Candidate aggregate's own repository. */
class RepositoryCandidatesTest {

    private static final CandidateId CANDIDATE = CandidateId.of("c0ffee00-0000-4000-8000-000000000001");
    private static final Instant AT = Instant.parse("2026-02-01T09:00:00Z");

    private Configuration axon;
    private RepositoryCandidates candidates;

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(config -> new InMemoryEventStorageEngine())
                .configureAggregate(Candidate.class)
                .buildConfiguration();
        axon.start();
        candidates = new RepositoryCandidates(axon.repository(Candidate.class));
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    private void check(CandidateId candidate) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> candidates.requireNotErased(candidate));
    }

    @Test
    void aRegisteredCandidate_passes() {
        axon.commandGateway().sendAndWait(new RegisterCandidate(CANDIDATE, null, "Ana", "ana@example.org", true, AT));
        assertThatCode(() -> check(CANDIDATE)).doesNotThrowAnyException();
    }

    @Test
    void anErasedCandidate_isRefused() {
        axon.commandGateway().sendAndWait(new RegisterCandidate(CANDIDATE, null, "Ana", "ana@example.org", true, AT));
        axon.commandGateway().sendAndWait(new ErasePersonalData(CANDIDATE, AT));
        assertThatThrownBy(() -> check(CANDIDATE)).isInstanceOf(RuleViolation.class).hasMessage("CANDIDATE_ERASED");
    }

    @Test
    void anUnknownCandidate_isNotFound() {
        assertThatThrownBy(() -> check(CANDIDATE)).isInstanceOf(AggregateNotFoundException.class);
    }
}
