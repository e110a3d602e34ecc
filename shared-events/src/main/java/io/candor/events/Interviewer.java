package io.candor.events;

/** A person met in an interview, with the part they played in it. */
public record Interviewer(@PersonalData String name, @PersonalData String email, String title, InterviewerRole role) {
}
