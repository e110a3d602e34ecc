package io.candor.command.web;

import io.candor.events.CandidateId;
import io.candor.events.OpportunityId;

import java.util.UUID;
import java.util.regex.Pattern;

/** Ids from paths. Ours are UUIDs; anything else cannot name a resource, so it is a 404, not a 400. */
public final class Ids {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    public static CandidateId candidate(String id) {
        return new CandidateId(uuid("candidate", id));
    }

    public static OpportunityId opportunity(String id) {
        return new OpportunityId(uuid("opportunity", id));
    }

    private static String uuid(String what, String id) {
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            throw new UnknownIdException(what, id);
        }
        return UUID.fromString(id).toString();
    }
}
