package io.candor.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies a candidate: the person whose job search is tracked. */
public record CandidateId(@JsonValue String value) {

    @JsonCreator
    public CandidateId {
        Objects.requireNonNull(value, "CandidateId needs a value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("CandidateId may not be blank");
        }
    }

    public static CandidateId of(String value) {
        return new CandidateId(value);
    }

    public static CandidateId generate() {
        return new CandidateId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
