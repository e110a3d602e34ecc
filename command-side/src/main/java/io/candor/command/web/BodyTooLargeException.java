package io.candor.command.web;

import java.io.IOException;

/** A request body went past {@code candor.command.max-body-size} while it was read: a 400. */
final class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("The request body exceeds " + limit + " bytes");
    }
}
