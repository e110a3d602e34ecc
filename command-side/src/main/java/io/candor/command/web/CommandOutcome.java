package io.candor.command.web;

/** A command handler's result together with the position of the last event its unit of work stored. */
public record CommandOutcome(Object result, EventPosition position) {
}
