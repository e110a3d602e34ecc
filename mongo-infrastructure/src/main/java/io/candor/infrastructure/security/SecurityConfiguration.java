package io.candor.infrastructure.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.candor.infrastructure.AxonMongoConfiguration;
import io.candor.infrastructure.CandorMongoProperties;
import io.candor.infrastructure.CandorSerialization;
import io.candor.infrastructure.eventstore.AggregateOrigins;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Both sides' security. Off ({@code candor.security.enabled=false}, the default): every request goes through, as
 * PRODUCT.md's contract is written. On: HTTP Basic against the users in MongoDB and API tokens ({@code basic}
 * mode), or JWTs of an identity provider ({@code jwt} mode); roles decide what may be called, the tenant check
 * whose data, and a write from another site is refused. Stateless: no session, no cookie.
 */
@AutoConfiguration(after = AxonMongoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties(CandorSecurityProperties.class)
public class SecurityConfiguration {

    private static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**", "/error", "/dashboard/dashboard.js", "/favicon.ico"};
    private static final String[] READERS = {Role.RECRUITER.name(), Role.AUDITOR.name(), Role.CANDIDATE.name()};
    private static final String[] WRITERS = {Role.RECRUITER.name(), Role.CANDIDATE.name()};

    @Bean
    PasswordEncoder candorPasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    Users users(MongoDatabase candorDatabase, PasswordEncoder candorPasswordEncoder) {
        return new Users(candorDatabase, candorPasswordEncoder);
    }

    @Bean
    ApiTokens apiTokens(MongoDatabase candorDatabase, Users users) {
        return new ApiTokens(candorDatabase, users);
    }

    @Bean
    Owners owners(MongoDatabase candorDatabase, CandorMongoProperties properties) {
        return new Owners(new AggregateOrigins(candorDatabase, properties.eventsCollection()),
                CandorSerialization.objectMapper());
    }

    @Bean
    TenantAccess tenantAccess(Owners owners) {
        return new TenantAccess(owners);
    }

    @Bean
    @ConditionalOnProperty(name = "candor.security.enabled", havingValue = "false", matchIfMissing = true)
    SecurityFilterChain openToAll(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .anonymous(anonymous -> anonymous.disable())
                .build();
    }

    /**
     * Open, the app answers every URL as it did before security existed (Spring Security's strict firewall would
     * refuse some, e.g. an encoded space in an id, with a bare 400); signed in, the strict firewall stays.
     */
    @Bean
    @ConditionalOnProperty(name = "candor.security.enabled", havingValue = "false", matchIfMissing = true)
    WebSecurityCustomizer noFirewallWhenOpen() {
        StrictHttpFirewall lenient = new StrictHttpFirewall();
        lenient.setAllowSemicolon(true);
        lenient.setAllowUrlEncodedSlash(true);
        lenient.setAllowUrlEncodedDoubleSlash(true);
        lenient.setAllowUrlEncodedPercent(true);
        lenient.setAllowUrlEncodedPeriod(true);
        lenient.setAllowBackSlash(true);
        lenient.setAllowNull(true);
        lenient.setAllowUrlEncodedCarriageReturn(true);
        lenient.setAllowUrlEncodedLineFeed(true);
        lenient.setAllowUrlEncodedParagraphSeparator(true);
        lenient.setAllowUrlEncodedLineSeparator(true);
        lenient.setUnsafeAllowAnyHttpMethod(true);
        lenient.setAllowedHeaderNames(name -> true);
        lenient.setAllowedHeaderValues(value -> true);
        lenient.setAllowedParameterNames(name -> true);
        lenient.setAllowedParameterValues(value -> true);
        lenient.setAllowedHostnames(host -> true);
        return web -> web.httpFirewall(lenient);
    }

    @Bean
    @ConditionalOnProperty(name = "candor.security.enabled", havingValue = "true")
    SecurityFilterChain signedIn(HttpSecurity http, CandorSecurityProperties properties, ApiTokens tokens,
                                 TenantAccess access, ObjectMapper json) throws Exception {
        SecurityProblems problems = new SecurityProblems(json);
        String challenge = properties.jwtMode() ? "Bearer realm=\"Candor\"" : "Basic realm=\"Candor\"";
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN).permitAll()
                        .requestMatchers("/api/me", "/api/tokens", "/api/tokens/**").authenticated()
                        .requestMatchers("/admin/**", "/actuator/**").access(operator(properties.adminFirm()))
                        .requestMatchers("/api/users", "/api/users/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/firms/**").hasAnyRole(Role.RECRUITER.name(), Role.AUDITOR.name())
                        .requestMatchers(HttpMethod.POST, "/api/**", "/dashboard/command-side/**").hasAnyRole(WRITERS)
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole(READERS)
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable()) // stateless, no cookie; SameOriginFilter covers remembered Basic credentials
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, failure) -> {
                            response.setHeader("WWW-Authenticate", challenge);
                            problems.write(request, response, 401, "Unauthorized", "Sign in: " + (properties.jwtMode()
                                    ? "a bearer JWT" : "HTTP Basic, or an API token as Authorization: Bearer cnd_…"));
                        })
                        .accessDeniedHandler((request, response, denied) ->
                                problems.write(request, response, 403, "Forbidden", "Your role may not do this")))
                .addFilterBefore(new SameOriginFilter(problems), BasicAuthenticationFilter.class)
                .addFilterAfter(new TenantFilter(access, problems), AuthorizationFilter.class);
        if (properties.jwtMode()) {
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(claims(properties.jwt())))
                    .authenticationEntryPoint((request, response, failure) -> {
                        response.setHeader("WWW-Authenticate", challenge + ", error=\"invalid_token\"");
                        problems.write(request, response, 401, "Unauthorized", "The bearer token is not valid");
                    }));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint((request, response, failure) -> {
                        response.setHeader("WWW-Authenticate", challenge);
                        problems.write(request, response, 401, "Unauthorized", "Wrong user name or password");
                    }))
                    .addFilterBefore(new ApiTokenFilter(tokens, problems), BasicAuthenticationFilter.class);
        }
        return http.build();
    }

    /**
     * The operators: administrators of the first firm ({@code candor.security.admin-firm}). Dead letters, replays
     * and metrics span every firm, so a firm's own administrator may not reach them.
     */
    static AuthorizationManager<RequestAuthorizationContext> operator(String operatorFirm) {
        return (authentication, request) -> new AuthorizationDecision(CandorUser.of(authentication.get())
                .filter(user -> user.has(Role.ADMIN) && operatorFirm.equals(user.firmId())).isPresent());
    }

    /** A JWT's subject, firm, roles and candidate as a {@link CandorUser}; a role this app does not know is ignored. */
    static Converter<Jwt, AbstractAuthenticationToken> claims(CandorSecurityProperties.Jwt names) {
        return jwt -> {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            Object claimed = jwt.getClaims().get(names.rolesClaim());
            Collection<?> values = claimed instanceof Collection<?> list ? list
                    : claimed instanceof String text ? List.of(text.split("[ ,]+")) : List.of();
            for (Object value : values) {
                try {
                    roles.add(Role.valueOf(String.valueOf(value).trim().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException unknown) {
                    // a role of the identity provider that means nothing here
                }
            }
            String firm = jwt.getClaimAsString(names.firmClaim());
            if (jwt.getSubject() == null || jwt.getSubject().isBlank() || firm == null || firm.isBlank()) {
                throw new InvalidBearerTokenException("The token names no subject or no " + names.firmClaim());
            }
            CandorUser user = new CandorUser(jwt.getSubject(), firm, roles, jwt.getClaimAsString(names.candidateClaim()));
            return UsernamePasswordAuthenticationToken.authenticated(user, jwt,
                    roles.stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
        };
    }

    /** A shared-secret JWT decoder, when {@code candor.security.jwt.hmac-secret} is set. */
    @Bean
    @ConditionalOnExpression("'${candor.security.mode:basic}' == 'jwt' && '${candor.security.jwt.hmac-secret:}' != ''")
    JwtDecoder candorHmacJwtDecoder(CandorSecurityProperties properties) {
        byte[] secret = properties.jwt().hmacSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalArgumentException("candor.security.jwt.hmac-secret needs at least 32 bytes");
        }
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256")).build();
    }

    /** Users and tokens over HTTP, and the first administrator: only with security on, in basic mode. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("${candor.security.enabled:false} && '${candor.security.mode:basic}' == 'basic'")
    static class Accounts {

        @Bean
        AccountsController accountsController(Users users, ApiTokens tokens, Owners owners,
                                              CandorSecurityProperties properties) {
            return new AccountsController(users, tokens, owners, properties.adminFirm());
        }

        @Bean
        AdminBootstrap adminBootstrap(Users users, CandorSecurityProperties properties,
                                      @Value("${CANDOR_ADMIN_PASSWORD:}") String fromEnvironment) {
            String password = properties.adminPassword() == null || properties.adminPassword().isBlank()
                    ? fromEnvironment : properties.adminPassword();
            return new AdminBootstrap(users, password, properties.adminFirm());
        }
    }
}
