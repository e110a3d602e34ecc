package io.candor.events;

/** How a job search ended. */
public enum SearchOutcome {
    HIRED,
    STAYED_PUT,
    PAUSED,
    OTHER
}
