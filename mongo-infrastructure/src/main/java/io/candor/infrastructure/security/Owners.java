package io.candor.infrastructure.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.candor.events.candidate.CandidateEvent.CandidateRegistered;
import io.candor.events.opportunity.OpportunityEvent.InvitationReceived;
import io.candor.infrastructure.eventstore.AggregateOrigins;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whose a candidate or an opportunity is: read from the aggregate's first event in the store (a candidate's
 * registration names the firm, an invitation the candidate), so both sides answer alike, without waiting for a
 * view. What it reads is never encrypted (ids, not personal data) and never changes, so an answer is kept.
 */
public final class Owners {

    private static final int REMEMBERED = 100_000;

    private final AggregateOrigins origins;
    private final ObjectMapper json;
    private final Map<String, Owner> known = new ConcurrentHashMap<>();

    /** The firm and the candidate a candidate or an opportunity belongs to. */
    public record Owner(String firmId, String candidateId) {
    }

    public Owners(AggregateOrigins origins, ObjectMapper json) {
        this.origins = origins;
        this.json = json;
    }

    public Optional<Owner> ofCandidate(String candidateId) {
        return remembered("c:" + candidateId, () -> origins.of(candidateId)
                .filter(origin -> CandidateRegistered.class.getName().equals(origin.payloadType()))
                .map(origin -> new Owner(field(origin.payload(), "firmId"), candidateId)));
    }

    public Optional<Owner> ofOpportunity(String opportunityId) {
        return remembered("o:" + opportunityId, () -> origins.of(opportunityId)
                .filter(origin -> InvitationReceived.class.getName().equals(origin.payloadType()))
                .flatMap(origin -> ofCandidate(field(origin.payload(), "candidateId"))));
    }

    private Optional<Owner> remembered(String key, java.util.function.Supplier<Optional<Owner>> lookup) {
        Owner owner = known.get(key);
        if (owner != null) {
            return Optional.of(owner);
        }
        Optional<Owner> found = lookup.get();
        found.ifPresent(value -> {
            if (known.size() > REMEMBERED) {
                known.clear();
            }
            known.put(key, value);
        });
        return found;
    }

    private String field(String payload, String name) {
        try {
            JsonNode value = json.readTree(payload).path(name);
            return value.isTextual() ? value.textValue() : null;
        } catch (Exception unreadable) {
            return null;
        }
    }
}
