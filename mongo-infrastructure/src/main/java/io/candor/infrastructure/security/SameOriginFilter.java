package io.candor.infrastructure.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;

/**
 * Refuses a write sent by a browser from another site. A browser sends the HTTP Basic credentials it remembers with
 * any request to this origin, whoever's page started it, so a form elsewhere could otherwise erase a candidate. A
 * request saying it came from another site ({@code Sec-Fetch-Site: cross-site}, or an {@code Origin} whose host and
 * port are not this one) may read, not write. Clients that are not browsers send neither header.
 */
final class SameOriginFilter extends OncePerRequestFilter {

    private final SecurityProblems problems;

    SameOriginFilter(SecurityProblems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean write = !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())
                || "OPTIONS".equals(request.getMethod()));
        if (write && crossSite(request)) {
            problems.write(request, response, 403, "Forbidden", "A write must come from this site");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean crossSite(HttpServletRequest request) {
        if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return origin != null && origin.equals("null");
        }
        try {
            URI from = URI.create(origin);
            String host = request.getHeader("Host");
            return host == null || from.getAuthority() == null || !from.getAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException malformed) {
            return true;
        }
    }
}
