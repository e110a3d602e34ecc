package io.candor.query.support;

import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * The views' events in sequence per candidate: a view document gathers a candidate's opportunities (the
 * pipeline's lists, the contacts met, the timeline), so two segments writing one candidate's events at once would
 * each overwrite the other's. With this policy all of a candidate's events go to one segment, in order; candidates
 * spread over the segments.
 */
final class CandidateSequencing implements SequencingPolicy<EventMessage<?>> {

    static final CandidateSequencing INSTANCE = new CandidateSequencing();

    private CandidateSequencing() {
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload;
        try {
            payload = event.getPayload();
        } catch (RuntimeException unreadable) {
            // A payload that cannot be read fails in its handler, where the dead-letter queue parks it; failing
            // here, before any handler, would stop the view on it for good.
            return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
        }
        if (payload instanceof OpportunityEvent opportunity) {
            return opportunity.candidateId().value();
        }
        if (payload instanceof CandidateEvent candidate) {
            return candidate.candidateId().value();
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
