package io.candor.command.rules;

import java.util.Objects;

/**
 * A command whose input makes no sense whatever the state (a notice before the decision it announces):
 * not a rule, so it is a 400 naming the field at fault rather than a 422.
 */
public final class InvalidCommandException extends RuntimeException {

    private final String field;

    public InvalidCommandException(String field, String message) {
        super(Objects.requireNonNull(message), null, false, false);
        this.field = Objects.requireNonNull(field);
    }

    public String field() {
        return field;
    }
}
