package io.candor.infrastructure.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * With security on, the health endpoint's details (components, disk path, view lag, dead letters) are shown to
 * signed-in administrators only; the status stays open for probes. Off, they stay open to all, as before.
 */
public final class SecuredHealthDetails implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("candor.security.enabled", Boolean.class, false)) {
            environment.getPropertySources().addFirst(new MapPropertySource("candor-secured-health", Map.of(
                    "management.endpoint.health.show-details", "when-authorized",
                    "management.endpoint.health.show-components", "when-authorized",
                    "management.endpoint.health.roles", Role.ADMIN.name())));
        }
    }
}
