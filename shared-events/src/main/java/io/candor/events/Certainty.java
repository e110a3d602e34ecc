package io.candor.events;

/** How sure the candidate was when declining (seed 003: when unsure, take the interview). */
public enum Certainty {
    CERTAIN,
    UNSURE
}
