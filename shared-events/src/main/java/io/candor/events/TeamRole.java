package io.candor.events;

/** Who a job-search team member is to the candidate (seed 000: job search is a team sport). */
public enum TeamRole {
    FAMILY,
    FRIEND,
    COLLEAGUE,
    MENTOR,
    EXPERT
}
