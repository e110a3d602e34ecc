package io.candor.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies a staffing firm (a tenant) under which candidates are registered; {@link #INDEPENDENT} for a job seeker on their own. */
public record FirmId(@JsonValue String value) {

    @JsonCreator
    public FirmId {
        Objects.requireNonNull(value, "FirmId needs a value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("FirmId may not be blank");
        }
    }

    public static FirmId of(String value) {
        return new FirmId(value);
    }

    public static final FirmId INDEPENDENT = new FirmId("independent");

    public static FirmId generate() {
        return new FirmId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
