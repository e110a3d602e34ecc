package io.candor.command.rules;

import java.util.Objects;

/** A command broke a rule and was refused; nothing was stored. The message is the rule's code. */
public final class RuleViolation extends RuntimeException {

    private final Rule rule;

    public RuleViolation(Rule rule) {
        super(Objects.requireNonNull(rule).name(), null, false, false);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }

    /** Refuses with {@code rule} when {@code broken} holds: reads as the rule table does. */
    public static void refuseIf(boolean broken, Rule rule) {
        if (broken) {
            throw new RuleViolation(rule);
        }
    }
}
