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
 * @param keysDatabase      where the candidates' encryption keys live (see {@code CandidateKeys}); by default the
 *                          same database, in their own collection. Another database keeps them apart from the
 *                          events in backups and grants.
 */
@ConfigurationProperties("candor.mongodb")
public record CandorMongoProperties(String database, String eventsCollection, String legacyEventsCollection,
                                    String snapshotsCollection,
                                    String tokensCollection, String sagasCollection, String deadLettersCollection,
                                    String keysDatabase) {

    public CandorMongoProperties {
        database = orDefault(database, "candor");
        eventsCollection = orDefault(eventsCollection, "events");
        legacyEventsCollection = orDefault(legacyEventsCollection, "domainevents");
        snapshotsCollection = orDefault(snapshotsCollection, "snapshotevents");
        tokensCollection = orDefault(tokensCollection, "trackingtokens");
        sagasCollection = orDefault(sagasCollection, "sagas");
        deadLettersCollection = orDefault(deadLettersCollection, "deadletters");
        keysDatabase = orDefault(keysDatabase, database);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
