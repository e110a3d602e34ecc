package io.candor.events;

/**
 * The stages of an opportunity, in the order a process usually moves through them, then its ends.
 * INVITED → SCHEDULED → ATTENDED (→ SCHEDULED for the next round) → OFFERED, and the ends.
 */
public enum Stage {
    INVITED,
    SCHEDULED,
    ATTENDED,
    OFFERED,
    DECLINED,
    CANCELLED,
    WITHDRAWN,
    REJECTED,
    OFFER_DECLINED,
    OFFER_ACCEPTED,
    MISSED;

    /** An ended opportunity takes no more pipeline commands. */
    public boolean isEnded() {
        return ordinal() > OFFERED.ordinal();
    }
}
