package io.candor.events;

/** Upheaval known about a company up front (seed 000: a reason to think twice before interviewing). */
public enum CompanySignal {
    MERGER,
    ACQUISITION,
    EXECUTIVE_DEPARTURE,
    LAYOFFS,
    OTHER_UPHEAVAL
}
