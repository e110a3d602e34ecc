package io.candor.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Candor keeps its data in MongoDB. The connection itself is {@code spring.data.mongodb.uri},
 * which {@code MONGODB_URI} sets.
 *
 * @param database          the database holding events, tokens and views
 * @param eventsCollection  the events ({@code IndexedEventStorageEngine})
 * @param legacyEventsCollection events of Axon's own Mongo engine, moved into {@code eventsCollection} at start
 * @param snapshotsCollection Axon's snapshots
 * @param tokensCollection  tracking tokens of the query side's processors
 */
@ConfigurationProperties("candor.mongodb")
public record CandorMongoProperties(String database, String eventsCollection, String legacyEventsCollection,
                                    String snapshotsCollection,
                                    String tokensCollection, String sagasCollection, String deadLettersCollection) {

    public CandorMongoProperties {
        database = orDefault(database, "candor");
        eventsCollection = orDefault(eventsCollection, "events");
        legacyEventsCollection = orDefault(legacyEventsCollection, "domainevents");
        snapshotsCollection = orDefault(snapshotsCollection, "snapshotevents");
        tokensCollection = orDefault(tokensCollection, "trackingtokens");
        sagasCollection = orDefault(sagasCollection, "sagas");
        deadLettersCollection = orDefault(deadLettersCollection, "deadletters");
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
