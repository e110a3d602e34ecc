package io.candor.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies one opportunity: one company and role for one candidate. */
public record OpportunityId(@JsonValue String value) {

    @JsonCreator
    public OpportunityId {
        Objects.requireNonNull(value, "OpportunityId needs a value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("OpportunityId may not be blank");
        }
    }

    public static OpportunityId of(String value) {
        return new OpportunityId(value);
    }

    public static OpportunityId generate() {
        return new OpportunityId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
