package io.candor.infrastructure.outage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long the driver looks for a server before it gives up ({@code candor.mongodb.server-selection-timeout},
 * default 3 s, instead of the driver's 30 s that would hold every request that long during an outage), how long
 * an operation already sent waits for its answer ({@code candor.mongodb.read-timeout}, 30 s: a server that froze
 * or a network that dropped without a reset, rather than forever), the
 * {@code mongo} health component, and the filter that answers an outage 503.
 */
@AutoConfiguration
public class OutageConfiguration {

    @Bean
    MongoClientSettingsBuilderCustomizer serverSelectionTimeout(
            @Value("${candor.mongodb.server-selection-timeout:3s}") Duration serverSelection,
            @Value("${candor.mongodb.connect-timeout:2s}") Duration connect,
            @Value("${candor.mongodb.read-timeout:30s}") Duration read) {
        return settings -> settings
                .applyToClusterSettings(cluster -> cluster
                        .serverSelectionTimeout(serverSelection.toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket
                        .connectTimeout((int) connect.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) read.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class MongoHealthConfiguration {

        /** Health component {@code mongo}: UP when the database answers a ping, DOWN with the reason otherwise. */
        @Bean
        HealthIndicator mongoHealthIndicator(MongoDatabase candorDatabase) {
            return () -> {
                try {
                    candorDatabase.runCommand(new Document("ping", 1));
                    return Health.up().withDetail("database", candorDatabase.getName()).build();
                } catch (RuntimeException unreachable) {
                    return Health.down().withDetail("database", candorDatabase.getName())
                            .withDetail("error", unreachable.getClass().getSimpleName()).build();
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class OutageFilterConfiguration {

        @Bean
        FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(ObjectMapper json) {
            FilterRegistrationBean<DatabaseOutageFilter> registration =
                    new FilterRegistrationBean<>(new DatabaseOutageFilter(json));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
