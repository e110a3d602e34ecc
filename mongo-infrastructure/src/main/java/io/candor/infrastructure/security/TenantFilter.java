package io.candor.infrastructure.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps each firm to its own: a request naming a candidate, an opportunity or a firm of another firm (or, for a
 * {@link Role#CANDIDATE}, anyone but themselves) is answered 404. So is one naming an id that does not exist, here,
 * with the very same answer and before the body is looked at, so that no answer (not even a 400 for a bad body)
 * tells an id of another firm from one that does not exist. Runs after authorization, on the decoded path the
 * controllers see. Owners are read from the event store, so an id is known here as soon as its first event is
 * stored, before any view has it.
 */
final class TenantFilter extends OncePerRequestFilter {

    private static final String ANY_SIDE = "^/(?:api/|dashboard/command-side/api/)?";
    private static final Pattern CANDIDATE = Pattern.compile(ANY_SIDE + "candidates/([^/]+)(?:/.*)?$");
    private static final Pattern OPPORTUNITY = Pattern.compile(ANY_SIDE + "opportunities/([^/]+)(?:/.*)?$");
    private static final Pattern FIRM = Pattern.compile("^/api/firms/([^/]+)(?:/.*)?$");

    private final TenantAccess access;
    private final SecurityProblems problems;
    private final UrlPathHelper paths = new UrlPathHelper();

    TenantFilter(TenantAccess access, SecurityProblems problems) {
        this.access = access;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CandorUser> user = CandorUser.current();
        if (user.isPresent() && !allowed(user.get(), paths.getPathWithinApplication(request))) {
            problems.write(request, response, 404, "Not Found", "No such resource.");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean allowed(CandorUser user, String path) {
        Matcher firm = FIRM.matcher(path);
        if (firm.matches()) {
            return firm.group(1).equals(user.firmId());
        }
        Matcher candidate = CANDIDATE.matcher(path);
        if (candidate.matches()) {
            return access.mayReachCandidate(user, candidate.group(1));
        }
        Matcher opportunity = OPPORTUNITY.matcher(path);
        return !opportunity.matches() || access.mayReachOpportunity(user, opportunity.group(1));
    }
}
