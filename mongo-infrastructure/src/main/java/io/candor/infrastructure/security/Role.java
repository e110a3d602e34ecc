package io.candor.infrastructure.security;

/** What a user of a firm may do. */
public enum Role {
    /** Manages the firm's users and settings; records and reads no candidate history. */
    ADMIN,
    /** Records the history of the firm's candidates, and reads it. */
    RECRUITER,
    /** Reads everything of the firm, timelines and exports included; writes nothing. */
    AUDITOR,
    /** Records and reads their own history only. */
    CANDIDATE;

    /** The Spring Security authority of the role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
