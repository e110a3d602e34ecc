package io.candor.command.web;

/** A path named an id that is not one of ours (not even well-formed): a 404. */
public final class UnknownIdException extends RuntimeException {

    public UnknownIdException(String what, String id) {
        super("No " + what + " with id " + id, null, false, false);
    }
}
