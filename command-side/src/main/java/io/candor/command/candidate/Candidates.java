package io.candor.command.candidate;

import io.candor.events.CandidateId;

/**
 * What another aggregate may ask about a candidate before acting for them (an invitation is recorded only for a
 * candidate who exists and was not erased).
 */
public interface Candidates {

    /**
     * Returns when the candidate exists and was not erased; otherwise throws
     * {@link org.axonframework.modelling.command.AggregateNotFoundException} (unknown) or a
     * {@link io.candor.command.rules.RuleViolation} of CANDIDATE_ERASED.
     */
    void requireNotErased(CandidateId candidateId);
}
