package io.candor.events;

/** Where an invitation came from. */
public enum Source {
    RECRUITER,
    REFERRAL,
    DIRECT,
    NETWORK
}
