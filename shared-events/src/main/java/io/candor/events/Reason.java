package io.candor.events;

/** Why a candidate declines, cancels, reschedules, withdraws or turns down an offer: one list for all of them. */
public enum Reason {
    ILLNESS,
    FAMILY_EMERGENCY,
    WORK_CONFLICT,
    ACCEPTED_OTHER_OFFER,
    COMMUTE,
    PAY_CUT,
    LOSS_OF_BENEFITS,
    COMPANY,
    FIT,
    COMPENSATION,
    CULTURE,
    SENIORITY_MISMATCH,
    FIELD_MISMATCH,
    NOT_INTERESTED,
    OTHER
}
