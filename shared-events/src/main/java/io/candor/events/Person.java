package io.candor.events;

/**
 * Someone the candidate deals with: a referrer, a referred candidate, a team member.
 * The e-mail address is optional; the name is what people are known by.
 */
public record Person(@PersonalData String name, @PersonalData String email) {
}
