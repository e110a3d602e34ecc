package io.candor.events;

/** The candidate's own judgement of fit after an interview. */
public enum Fit {
    GOOD,
    UNSURE,
    NOT_A_FIT
}
