package io.candor.infrastructure;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Axon on MongoDB, wired by hand: axon-mongo 4.12 has no Spring Boot starter. The event store and the
 * token store live in {@link CandorMongoProperties#database()}, beside the views, all through one client.
 * The serializers are declared here (not left to Axon's auto-configuration) so that what is stored is
 * exactly what {@link CandorSerialization} writes and its round-trip tests check.
 */
@AutoConfiguration
@AutoConfigureBefore(name = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableConfigurationProperties(CandorMongoProperties.class)
public class AxonMongoConfiguration {

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "serializer")
    public Serializer serializer() {
        return CandorSerialization.serializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    @ConditionalOnMissingBean(name = "eventSerializer")
    public Serializer eventSerializer() {
        return CandorSerialization.serializer();
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

    @Bean
    public EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .build();
        engine.ensureIndexes();
        return engine;
    }

    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .ensureIndexes(true)
                .build();
    }
}
