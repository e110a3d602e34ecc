package io.candor.infrastructure.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMongoCacheTest {

    @TempDir
    Path dataDirectory;

    @Test
    void eachStore_getsThePageCacheAskedFor() {
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0, 64)) {
            assertThat(mongo.cacheMegabytes()).containsExactly(64, 64);
        }
    }

    /**
     * H2 commits a store from within a write once it holds much unsaved (some 19 MB by default): the other writes in
     * progress would be committed half done, a document without its index entry, which a crash would then keep.
     */
    @Test
    void noWrite_commitsAStoreByItself() {
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0)) {
            assertThat(mongo.autoCommitMemory()).containsExactly(0, 0);
        }
    }

    @Test
    void theDefault_isAnEighthOfTheHeap_within16And512Megabytes() {
        long eighth = Runtime.getRuntime().maxMemory() / 8 / (1024 * 1024);

        assertThat(EmbeddedMongo.defaultCacheMegabytes()).isBetween(16, 512)
                .isEqualTo((int) Math.max(16, Math.min(512, eighth)));
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dataDirectory, "127.0.0.1", 0)) {
            assertThat(mongo.cacheMegabytes()).containsOnly(EmbeddedMongo.defaultCacheMegabytes());
        }
    }

    @Test
    void theLauncher_configuresIt() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                    "candor.embedded.enabled", "true",
                    "candor.embedded.data-dir", dataDirectory.toString(),
                    "candor.embedded.cache-mb", "48")));
            new EmbeddedMongoInitializer().initialize(context);
            context.refresh();

            EmbeddedMongo mongo = context.getBean(EmbeddedMongoInitializer.BEAN_NAME, EmbeddedMongo.class);
            assertThat(mongo.cacheMegabytes()).containsExactly(48, 48);
        }
    }
}
