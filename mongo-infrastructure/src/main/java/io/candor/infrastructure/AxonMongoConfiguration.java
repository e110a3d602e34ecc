package io.candor.infrastructure;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.candor.infrastructure.durability.DurabilityMetrics;
import io.candor.infrastructure.durability.DurableCommandInterceptor;
import io.candor.infrastructure.durability.WriteDurability;
import io.candor.infrastructure.eventstore.EventChains;
import io.candor.infrastructure.eventstore.RecordedAttempts;
import io.candor.infrastructure.personaldata.CandidateKeys;
import io.candor.infrastructure.personaldata.PersonalDataSerializer;
import io.candor.infrastructure.eventstore.IndexedEventStorageEngine;
import io.candor.infrastructure.eventstore.LegacyEventMigration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Duration;

/**
 * Axon on MongoDB, wired by hand: axon-mongo 4.12 has no Spring Boot starter. The event store and the
 * token store live in {@link CandorMongoProperties#database()}, beside the views, all through one client.
 * The serializers are declared here (not left to Axon's auto-configuration) so that what is stored is
 * exactly what {@link CandorSerialization} writes and its round-trip tests check.
 * <p>
 * Every command's result waits for {@link WriteDurability} (see {@link DurableCommandInterceptor}). Against a
 * real MongoDB that is a no-op and durability is the URI's write concern: production sets
 * {@code w=majority&journal=true} in {@code MONGODB_URI}. The embedded server registers its group commit instead.
 */
@AutoConfiguration
@AutoConfigureBefore(name = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableConfigurationProperties(CandorMongoProperties.class)
public class AxonMongoConfiguration {

    /**
     * Events fetched per query by a tracking processor catching up (Axon's default is 100): the positions asked
     * for by key in one query. A processor that follows the head asks only for the positions taken since its last
     * fetch, whatever this number.
     */
    static final int TRACKING_BATCH = 10_000;

    /**
     * How long a read of the event store's head answers the polls right after it, in a process that appends
     * ({@link IndexedEventStorageEngine.Builder#headReuse}): Axon's event store polls again at once after each fetch
     * that found events. This process's events are never delayed by it. Another process's, appended in the moment
     * after a read, are seen at this process's next commit or within the event store's fetch delay (a second),
     * where the second poll would have caught them; a process that only reads (a query side alone) never reuses.
     */
    static final Duration HEAD_REUSE = Duration.ofMillis(20);

    /** How long a processor's claim on a segment lasts from its last write (Axon's default). */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "serializer")
    public Serializer serializer() {
        return CandorSerialization.serializer();
    }

    /** Events as JSON, the candidate's personal data in them encrypted with the candidate's key. */
    @Bean
    @Qualifier("eventSerializer")
    @ConditionalOnMissingBean(name = "eventSerializer")
    public Serializer eventSerializer(CandidateKeys candidateKeys) {
        return new PersonalDataSerializer(CandorSerialization.serializer(), candidateKeys);
    }

    /** One key per candidate, apart from the events; erasing the key erases the candidate's personal data. */
    @Bean
    public CandidateKeys candidateKeys(MongoClient client, CandorMongoProperties properties) {
        return new CandidateKeys(client.getDatabase(properties.keysDatabase()));
    }

    @Bean
    @Qualifier("messageSerializer")
    @ConditionalOnMissingBean(name = "messageSerializer")
    public Serializer messageSerializer() {
        return CandorSerialization.serializer();
    }

    @Bean
    public MongoDatabase candorDatabase(MongoClient client, CandorMongoProperties properties) {
        return client.getDatabase(properties.database());
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoDatabase candorDatabase, CandorMongoProperties properties) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(candorDatabase)
                .domainEventsCollectionName(properties.eventsCollection())
                .snapshotEventsCollectionName(properties.snapshotsCollection())
                .trackingTokensCollectionName(properties.tokensCollection())
                .sagasCollectionName(properties.sagasCollection())
                .deadLetterCollectionName(properties.deadLettersCollection())
                .build();
    }

    /**
     * Candor's own event store on MongoDB ({@link IndexedEventStorageEngine}): events keyed by global position,
     * read by exact keys, so commands and tracking cost the same whatever the size of the store. A store written
     * by Axon's Mongo engine (an older Candor) is moved into it at the first start ({@link LegacyEventMigration}).
     */
    @Bean
    public EventStorageEngine eventStorageEngine(MongoDatabase candorDatabase, CandorMongoProperties properties,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer) {
        IndexedEventStorageEngine engine = IndexedEventStorageEngine.builder()
                .database(candorDatabase)
                .collection(properties.eventsCollection())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .batchSize(TRACKING_BATCH)
                .headReuse(HEAD_REUSE)
                .build();
        engine.ensureIndexes();
        new LegacyEventMigration(candorDatabase, properties.legacyEventsCollection(), properties.tokensCollection())
                .migrateInto(engine, properties.eventsCollection(), eventSerializer);
        return engine;
    }

    /** Which events a request attempt stored, for idempotent requests whose outcome a failure hid. */
    @Bean
    public RecordedAttempts recordedAttempts(MongoDatabase candorDatabase, CandorMongoProperties properties) {
        return new RecordedAttempts(candorDatabase, properties.eventsCollection());
    }

    /** Verifies the hash chains of the events as stored (tamper evidence). */
    @Bean
    public EventChains eventChains(MongoDatabase candorDatabase, CandorMongoProperties properties) {
        return new EventChains(candorDatabase, properties.eventsCollection());
    }

    /**
     * Axon's Mongo token store (claims last 10 s from their last write), which writes a busy processor's claim and
     * token about once a second ({@link FreshClaimTokenStore}): not twice per batch.
     */
    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return new FreshClaimTokenStore(MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .ensureIndexes(true)
                .claimTimeout(CLAIM_TIMEOUT)
                .build(), Duration.ofSeconds(1), CLAIM_TIMEOUT);
    }

    /**
     * Nothing to wait for on a real MongoDB: the write concern of {@code MONGODB_URI} ({@code w=majority&journal=true})
     * makes a write durable before the driver returns. The embedded server registers its own group commit instead.
     */
    @Bean
    @ConditionalOnMissingBean(WriteDurability.class)
    public WriteDurability writeDurability() {
        return WriteDurability.NONE;
    }

    /** Every command's result waits until its events are durable, so no client hears of a write a crash can lose. */
    @Bean
    public ConfigurerModule durableCommandsConfigurerModule(WriteDurability writeDurability) {
        DurableCommandInterceptor interceptor = new DurableCommandInterceptor(writeDurability);
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.EXTERNAL_CONNECTIONS,
                () -> config.commandBus().registerHandlerInterceptor(interceptor)));
    }

    /** Commits and waits of the embedded server's group commit, when the app has Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class DurabilityMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean(DurabilityMetrics.class)
        DurabilityMetrics durabilityMetrics(WriteDurability writeDurability) {
            return new DurabilityMetrics(writeDurability);
        }
    }
}
