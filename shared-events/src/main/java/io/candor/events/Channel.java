package io.candor.events;

/** How the candidate and the employer talk on an opportunity (seed 001: use the same one throughout). */
public enum Channel {
    EMAIL,
    PHONE,
    TEXT,
    IN_PERSON,
    PLATFORM
}
