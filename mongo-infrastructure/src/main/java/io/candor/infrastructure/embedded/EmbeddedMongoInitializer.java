package io.candor.infrastructure.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts {@link EmbeddedMongo} before the context is refreshed, when {@code candor.embedded.enabled} is true
 * and no {@code MONGODB_URI} is given, and points {@code spring.data.mongodb.uri} at it.
 * Settings: {@code candor.embedded.data-dir} (default {@code ./data}), {@code candor.embedded.port}
 * (default 0: any free port), {@code candor.embedded.in-memory} (tests).
 * It also registers the server's group commit as the context's {@code WriteDurability}.
 */
public class EmbeddedMongoInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String BEAN_NAME = "embeddedMongo";
    public static final String DURABILITY_BEAN_NAME = "embeddedWriteDurability";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (!env.getProperty("candor.embedded.enabled", Boolean.class, false)
                || hasText(env.getProperty("MONGODB_URI"))
                || !ClassUtils.isPresent("de.bwaldvogel.mongo.MongoServer", getClass().getClassLoader())) {
            return;
        }
        EmbeddedMongo mongo = env.getProperty("candor.embedded.in-memory", Boolean.class, false)
                ? EmbeddedMongo.inMemory()
                : EmbeddedMongo.onDisk(Path.of(env.getProperty("candor.embedded.data-dir", "./data")),
                        "127.0.0.1", env.getProperty("candor.embedded.port", Integer.class, 0),
                        env.getProperty("candor.embedded.cache-mb", Integer.class,
                                EmbeddedMongo.defaultCacheMegabytes()));
        String database = env.getProperty("candor.mongodb.database", "candor");
        env.getPropertySources().addFirst(new MapPropertySource("candor-embedded-mongo",
                Map.of("spring.data.mongodb.uri", mongo.connectionString() + "/" + database)));
        context.getBeanFactory().registerSingleton(BEAN_NAME, mongo);
        // The WriteDurability of this context: AxonMongoConfiguration's no-op default backs off when it is present.
        context.getBeanFactory().registerSingleton(DURABILITY_BEAN_NAME, mongo.writeDurability());
        // Registered first, so destroyed last: the server outlives every bean that talks to it.
        ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean(BEAN_NAME, mongo::close);
        log.info("Embedded MongoDB-wire server listening on {} with data in {}", mongo.connectionString(),
                mongo.dataFile() == null ? "memory" : mongo.dataFile());
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
