package io.candor.query.support;

import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;

import java.util.HashMap;
import java.util.Map;

/** Hands out the next sequence number per aggregate, as an event store would. */
public final class Sequences {

    private final Map<String, Long> next = new HashMap<>();

    public long next(Object event) {
        String aggregateId = event instanceof OpportunityEvent o ? o.opportunityId().value()
                : ((CandidateEvent) event).candidateId().value();
        return next.merge(aggregateId, 0L, (old, zero) -> old + 1);
    }
}
