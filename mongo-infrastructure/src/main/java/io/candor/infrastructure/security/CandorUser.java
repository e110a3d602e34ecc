package io.candor.infrastructure.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;
import java.util.Set;

/**
 * A signed-in user: their name, their firm, their roles and, for a {@link Role#CANDIDATE}, the candidate they are.
 * Whether they came by password, API token or JWT, the authentication's principal or details is one of these.
 */
public record CandorUser(String username, String firmId, Set<Role> roles, String candidateId) {

    public CandorUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The user of the request being served, if security is on and someone signed in. */
    public static Optional<CandorUser> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The user an authentication signed in, if it is one of Candor's. */
    public static Optional<CandorUser> of(Authentication authentication) {
        if (authentication == null) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof CandorUser user) {
            return Optional.of(user);
        }
        if (authentication.getPrincipal() instanceof Users.Account account) {
            return Optional.of(account.user());
        }
        return Optional.empty();
    }
}
