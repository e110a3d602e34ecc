package io.candor.standalone;

import io.candor.command.CommandSideApplication;
import io.candor.query.QuerySideApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Both sides in one process: the command side's and the query side's components, without their own
 * application classes, on the embedded MongoDB-wire server unless {@code MONGODB_URI} is set.
 * The scan keeps {@code @SpringBootApplication}'s own filters, which a local {@code @ComponentScan} replaces,
 * so that test configurations and auto-configurations are not picked up as components. The shared infrastructure
 * ({@code io.candor.infrastructure}) is auto-configuration, never scanned.
 */
@SpringBootApplication
@ComponentScan(basePackages = {"io.candor.command", "io.candor.query", "io.candor.standalone"},
        excludeFilters = {
                @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                        classes = {CommandSideApplication.class, QuerySideApplication.class}),
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
public class CandorStandalone {

    public static void main(String[] args) {
        // A job seeker's laptop: no calls home to AxonIQ's update checker, no console advertisement.
        // Either can be turned back on with -Daxoniq.update-checker.disabled=false and so on.
        defaultSystemProperty("axoniq.update-checker.disabled", "true");
        defaultSystemProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(CandorStandalone.class, args);
    }

    private static void defaultSystemProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
