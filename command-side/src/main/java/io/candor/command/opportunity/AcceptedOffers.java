package io.candor.command.opportunity;

import io.candor.events.CandidateId;
import io.candor.events.OpportunityId;

/**
 * The one thing an opportunity needs to know about its siblings (OTHER_OFFER_MUST_EXIST): has the candidate
 * accepted an offer on another opportunity? Fed only by {@code OfferAccepted}, and an acceptance is final, so
 * the answer can only ever change from no to yes.
 */
public interface AcceptedOffers {

    /** True when {@code candidate} accepted an offer on an opportunity other than {@code except}. */
    boolean acceptedElsewhere(CandidateId candidate, OpportunityId except);
}
