package io.candor.infrastructure.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/** Signs in a request that carries {@code Authorization: Bearer cnd_…} as the token's user; a bad token is a 401. */
final class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final SecurityProblems problems;

    ApiTokenFilter(ApiTokens tokens, SecurityProblems problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer " + ApiTokens.PREFIX, 0, 7 + ApiTokens.PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<CandorUser> user = tokens.authenticate(header.substring(7).trim());
        if (user.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"Candor\", error=\"invalid_token\"");
            problems.write(request, response, 401, "Unauthorized", "The API token is unknown or revoked");
            return;
        }
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
                user.get(), null, user.get().roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
