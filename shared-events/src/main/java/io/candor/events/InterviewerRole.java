package io.candor.events;

/** The part a person played in an interview. */
public enum InterviewerRole {
    RECRUITER,
    HIRING_MANAGER,
    INTERVIEWER,
    EXECUTIVE
}
