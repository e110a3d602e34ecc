package io.candor.events;

/** How long a team member is with the candidate: from start to finish, or short-term for their expertise. */
public enum Commitment {
    LONG_HAUL,
    SHORT_TERM
}
