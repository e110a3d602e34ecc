package io.candor.infrastructure.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Users and API tokens over HTTP, when security is on in {@code basic} mode. An administrator adds users to their
 * firm; an operator (an administrator of the first firm) may also open another firm by adding its first
 * administrator. Anyone signed in sees who they are and makes or revokes their own API tokens.
 */
@RestController // declared by SecurityConfiguration when security is on; the infrastructure is never scanned
class AccountsController {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern FIRM = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MIN_PASSWORD = 12;
    private static final int MAX_PASSWORD_BYTES = 72;

    private final Users users;
    private final ApiTokens tokens;
    private final Owners owners;
    private final String operatorFirm;

    AccountsController(Users users, ApiTokens tokens, Owners owners, String operatorFirm) {
        this.users = users;
        this.tokens = tokens;
        this.owners = owners;
        this.operatorFirm = operatorFirm;
    }

    record NewUser(String username, String password, List<String> roles, String candidateId, String firmId) {
    }

    record NewToken(String name) {
    }

    @GetMapping("/api/me")
    CandorUser me() {
        return signedIn();
    }

    @GetMapping("/api/users")
    List<CandorUser> users() {
        return users.ofFirm(signedIn().firmId());
    }

    @PostMapping("/api/users")
    ResponseEntity<?> add(@RequestBody(required = false) NewUser body) {
        CandorUser admin = signedIn();
        if (body == null) {
            return invalid("body", "a user: username, password, roles");
        }
        if (body.username() == null || !USERNAME.matcher(body.username()).matches()) {
            return invalid("username", "1 to 64 letters, digits or . _ @ -");
        }
        if (body.password() == null || body.password().length() < MIN_PASSWORD
                || body.password().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return invalid("password", "at least " + MIN_PASSWORD + " characters and at most " + MAX_PASSWORD_BYTES
                    + " bytes in UTF-8 (bcrypt reads no more)");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : body.roles() == null ? List.<String>of() : body.roles()) {
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException | NullPointerException unknown) {
                return invalid("roles", "each one of " + List.of(Role.values()));
            }
        }
        if (roles.isEmpty()) {
            return invalid("roles", "at least one of " + List.of(Role.values()));
        }
        String firm = body.firmId() == null || body.firmId().isBlank() ? admin.firmId() : body.firmId().trim();
        if (!FIRM.matcher(firm).matches()) {
            return invalid("firmId", "1 to 64 letters, digits or . _ -");
        }
        boolean operator = operatorFirm.equals(admin.firmId());
        if (!firm.equals(admin.firmId())
                && (!operator || !roles.equals(EnumSet.of(Role.ADMIN)) || users.anyInFirm(firm))) {
            return problem(HttpStatus.FORBIDDEN, "An administrator adds users to their own firm; an operator (an "
                    + "administrator of the first firm) opens a new firm with its first administrator", "firmId");
        }
        if (roles.contains(Role.CANDIDATE)) {
            boolean theirs = body.candidateId() != null && owners.ofCandidate(body.candidateId())
                    .filter(owner -> firm.equals(owner.firmId())).isPresent();
            if (!theirs) {
                return invalid("candidateId", "a candidate of the firm, for a CANDIDATE user");
            }
        }
        try {
            CandorUser created = users.create(body.username(), body.password(), firm, roles,
                    roles.contains(Role.CANDIDATE) ? body.candidateId() : null);
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", created.username(), "user", created));
        } catch (Users.UsernameTaken taken) {
            return problem(HttpStatus.CONFLICT, taken.getMessage(), "username");
        }
    }

    @PostMapping("/api/tokens")
    ResponseEntity<ApiTokens.Issued> issue(@RequestBody(required = false) NewToken body) {
        String name = body == null || body.name() == null || body.name().isBlank() ? "api token"
                : body.name().strip().substring(0, Math.min(100, body.name().strip().length()));
        return ResponseEntity.status(HttpStatus.CREATED).body(tokens.issue(signedIn().username(), name));
    }

    @DeleteMapping("/api/tokens/{id}")
    ResponseEntity<?> revoke(@PathVariable String id) {
        return tokens.revoke(signedIn().username(), id) ? ResponseEntity.noContent().build()
                : problem(HttpStatus.NOT_FOUND, "You have no token " + id, null);
    }

    private static CandorUser signedIn() {
        return CandorUser.current().orElseThrow(() -> new IllegalStateException("Security let an anonymous request in"));
    }

    private static ResponseEntity<ProblemDetail> invalid(String field, String expected) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": must be " + expected);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", "must be " + expected)));
        return ResponseEntity.badRequest().body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        }
        return ResponseEntity.status(status).body(problem);
    }
}
