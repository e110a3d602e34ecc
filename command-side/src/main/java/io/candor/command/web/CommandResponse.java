package io.candor.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a successful command answers: the id it concerns (for a creation, the new one), the round for a scheduled
 * interview, and the position of the last event it stored, to wait for on the query side.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResponse(String id, Integer round, EventPosition position) {
}
