package io.candor.command.opportunity;

import io.candor.events.CandidateId;
import io.candor.events.OpportunityId;

import java.util.HashMap;
import java.util.Map;

/** {@link AcceptedOffers} for fixture tests: opportunity to candidate of every accepted offer. */
final class InMemoryAcceptedOffers implements AcceptedOffers {

    private final Map<OpportunityId, CandidateId> accepted = new HashMap<>();

    InMemoryAcceptedOffers accept(OpportunityId opportunity, CandidateId candidate) {
        accepted.put(opportunity, candidate);
        return this;
    }

    @Override
    public boolean acceptedElsewhere(CandidateId candidate, OpportunityId except) {
        return accepted.entrySet().stream()
                .anyMatch(entry -> entry.getValue().equals(candidate) && !entry.getKey().equals(except));
    }
}
