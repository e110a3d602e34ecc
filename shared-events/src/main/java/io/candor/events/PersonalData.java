package io.candor.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of an event, or of a value in one, as the candidate's personal data: a name, an e-mail address,
 * a free-text message or note (a text, or a list of texts). It is stored encrypted with the candidate's own key, so
 * erasing the candidate is deleting that key; reason codes, stages, channels and instants stay readable forever.
 * A component whose type is a value holding personal data ({@link Person}, {@link Interviewer}) needs no mark.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {
}
