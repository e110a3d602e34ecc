package io.candor.command.web;

import java.util.Objects;

/** A command the signed-in user may not send with this input (a registration under another firm): a 403 naming the field. */
public final class ForbiddenCommandException extends RuntimeException {

    private final String field;

    public ForbiddenCommandException(String field, String message) {
        super(Objects.requireNonNull(message), null, false, false);
        this.field = Objects.requireNonNull(field);
    }

    public String field() {
        return field;
    }
}
