package io.candor.infrastructure.security;

import java.util.Objects;

/**
 * Whether the signed-in user may reach a candidate or an opportunity: it is of their firm and, for a
 * {@link Role#CANDIDATE}, their own. With security off (nobody signed in), everything is reachable; an id nobody
 * owns is reachable by no one signed in.
 */
public final class TenantAccess {

    private final Owners owners;

    public TenantAccess(Owners owners) {
        this.owners = owners;
    }

    /** For an id that may be a candidate's or an opportunity's, as in a read-your-writes position. */
    public boolean mayReachAggregate(String aggregateId) {
        return CandorUser.current().map(user -> owners.ofCandidate(aggregateId).or(() -> owners.ofOpportunity(aggregateId))
                .map(owner -> mayReach(user, owner)).orElse(false)).orElse(true);
    }

    boolean mayReachCandidate(CandorUser user, String candidateId) {
        return owners.ofCandidate(candidateId).map(owner -> mayReach(user, owner)).orElse(false);
    }

    boolean mayReachOpportunity(CandorUser user, String opportunityId) {
        return owners.ofOpportunity(opportunityId).map(owner -> mayReach(user, owner)).orElse(false);
    }

    /** Whether {@code user} may reach what {@code owner} owns: their firm's, and for a candidate user, their own. */
    public static boolean mayReach(CandorUser user, Owners.Owner owner) {
        if (!Objects.equals(owner.firmId(), user.firmId())) {
            return false;
        }
        boolean firmWide = user.has(Role.RECRUITER) || user.has(Role.AUDITOR) || user.has(Role.ADMIN);
        return firmWide || Objects.equals(owner.candidateId(), user.candidateId());
    }
}
