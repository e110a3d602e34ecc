package io.candor.events;

/** The part a person met outside an interview plays in the candidate's network. */
public enum ContactRole {
    RECRUITER,
    HIRING_MANAGER,
    INTERVIEWER,
    EXECUTIVE,
    REFERRER,
    INFLUENTIAL_PERSON
}
