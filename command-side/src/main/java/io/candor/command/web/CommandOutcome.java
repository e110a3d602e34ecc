package io.candor.command.web;

/**
 * A command handler's result together with the position of the last event its unit of work stored. The event
 * bus intercepts a unit of work's events only when it commits, after the handler returned, so the position is
 * filled in then; the caller reads it once the command bus has answered, that is after the commit.
 */
public final class CommandOutcome {

    private final Object result;
    private volatile EventPosition position;

    CommandOutcome(Object result) {
        this.result = result;
    }

    public Object result() {
        return result;
    }

    /** The last stored event's position, or null when the command stored none. */
    public EventPosition position() {
        return position;
    }

    void noteEvent(EventPosition position) {
        this.position = position;
    }
}
