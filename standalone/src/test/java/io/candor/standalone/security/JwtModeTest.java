package io.candor.standalone.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.candor.standalone.CandorStandalone;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource-server mode: users come from an identity provider's JWTs (here signed with a shared HS256 secret),
 * their firm and roles from the token's claims; the same roles and tenant checks apply.
 */
@SpringBootTest(classes = CandorStandalone.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"candor.embedded.enabled=true", "candor.embedded.in-memory=true",
                "candor.security.enabled=true", "candor.security.mode=jwt",
                "candor.security.jwt.hmac-secret=" + JwtModeTest.SECRET})
class JwtModeTest {

    static final String SECRET = "a shared secret of at least thirty-two bytes";

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aValidToken_signsItsSubjectIn_withTheFirmAndRolesOfItsClaims() throws Exception {
        String rita = token(SECRET, "rita", "firm-j", List.of("RECRUITER"), 60);

        HttpResponse<String> registered = call("POST", "/api/candidates", rita,
                "{\"displayName\":\"Jo J\",\"email\":\"jo@example.org\",\"employed\":true}");
        assertThat(registered.statusCode()).isEqualTo(201);
        JsonNode position = json.readTree(registered.body()).path("position");
        String candidate = json.readTree(registered.body()).path("id").asText();

        JsonNode timeline = json.readTree(call("GET", "/api/candidates/" + candidate + "/timeline?waitFor="
                + position.path("aggregateId").asText() + ":" + position.path("sequence").asText(), rita, null).body());
        assertThat(timeline.at("/entries/0/recordedBy").asText()).isEqualTo("rita");
        assertThat(timeline.at("/entries/0/recordedByFirm").asText()).isEqualTo("firm-j");
        assertThat(call("GET", "/api/candidates/" + candidate, token(SECRET, "other", "firm-k", List.of("RECRUITER"), 60),
                null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/candidates", token(SECRET, "audrey", "firm-j", List.of("AUDITOR"), 60),
                "{\"displayName\":\"X\",\"email\":\"x@example.org\",\"employed\":true}").statusCode()).isEqualTo(403);
    }

    @Test
    void noToken_aForgedToken_orAnExpiredOne_is401() throws Exception {
        String forged = token("another secret that is also long enough!!", "rita", "firm-j", List.of("RECRUITER"), 60);
        String expired = token(SECRET, "rita", "firm-j", List.of("RECRUITER"), -60);

        for (String authorization : new String[]{null, forged, expired}) {
            HttpResponse<String> response = call("GET", "/api/candidates", authorization, null);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
    }

    private static String token(String secret, String subject, String firm, List<String> roles, int secondsValid)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).claim("firm", firm).claim("roles", roles)
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + secondsValid * 1000L)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return "Bearer " + jwt.serialize();
    }

    private HttpResponse<String> call(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
