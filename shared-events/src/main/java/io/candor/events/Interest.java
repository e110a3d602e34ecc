package io.candor.events;

/** How the candidate felt about an invitation when it arrived. */
public enum Interest {
    NOT_INTERESTED,
    UNSURE,
    INTERESTED
}
