package io.candor.infrastructure.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings, {@code candor.security.*}.
 *
 * @param enabled       off by default: every endpoint open, as PRODUCT.md's contract is written; on, every request
 *                      but health and the API description needs a user
 * @param mode          {@code basic} (users kept in MongoDB: HTTP Basic and API tokens) or {@code jwt} (an OAuth2
 *                      resource server; users come from the identity provider's tokens)
 * @param adminPassword the first start's {@code admin} password ({@code CANDOR_ADMIN_PASSWORD}); generated and
 *                      printed once when empty
 * @param adminFirm     the firm of that first admin
 * @param jwt           how JWTs are checked in {@code jwt} mode
 */
@ConfigurationProperties("candor.security")
public record CandorSecurityProperties(boolean enabled, String mode, String adminPassword, String adminFirm,
                                       Jwt jwt) {

    public CandorSecurityProperties {
        mode = mode == null || mode.isBlank() ? "basic" : mode.trim().toLowerCase(java.util.Locale.ROOT);
        adminFirm = adminFirm == null || adminFirm.isBlank() ? "independent" : adminFirm.trim();
        jwt = jwt == null ? new Jwt(null, null, null, null) : jwt;
        if (!mode.equals("basic") && !mode.equals("jwt")) {
            throw new IllegalArgumentException("candor.security.mode must be basic or jwt, not " + mode);
        }
    }

    public boolean jwtMode() {
        return mode.equals("jwt");
    }

    /**
     * JWT claims and keys. Keys come from Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*}
     * (issuer-uri, jwk-set-uri, public-key-location), or from {@code hmacSecret} (HS256, at least 32 bytes) for a
     * shared secret. Claim names default to {@code firm}, {@code roles} and {@code candidate}; the user is {@code sub}.
     */
    public record Jwt(String hmacSecret, String firmClaim, String rolesClaim, String candidateClaim) {

        public Jwt {
            firmClaim = firmClaim == null || firmClaim.isBlank() ? "firm" : firmClaim;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
            candidateClaim = candidateClaim == null || candidateClaim.isBlank() ? "candidate" : candidateClaim;
        }
    }
}
