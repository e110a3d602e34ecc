package io.candor.command.opportunity;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.candor.events.opportunity.OpportunityEvent.OfferAccepted;
import io.candor.infrastructure.embedded.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.candor.command.opportunity.OpportunityFixtures.CANDIDATE;
import static io.candor.command.opportunity.OpportunityFixtures.INTERVIEW;
import static io.candor.command.opportunity.OpportunityFixtures.OPPORTUNITY;
import static io.candor.command.opportunity.OpportunityFixtures.OTHER_CANDIDATE;
import static io.candor.command.opportunity.OpportunityFixtures.OTHER_OPPORTUNITY;
import static org.assertj.core.api.Assertions.assertThat;

/** The accepted-offers lookup, written and read over a real socket to the embedded MongoDB-wire server. */
class MongoAcceptedOffersTest {

    private static EmbeddedMongo server;
    private static MongoClient client;
    private MongoAcceptedOffers offers;

    @BeforeAll
    static void startServer() {
        server = EmbeddedMongo.inMemory();
        client = MongoClients.create(server.connectionString());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    @BeforeEach
    void freshDatabase() {
        client.getDatabase("accepted").drop();
        offers = new MongoAcceptedOffers(client.getDatabase("accepted"));
    }

    @Test
    void noAcceptedOffer_isNoAcceptedOfferElsewhere() {
        assertThat(offers.acceptedElsewhere(CANDIDATE, OPPORTUNITY)).isFalse();
    }

    @Test
    void anOfferAcceptedOnAnotherOpportunity_counts() {
        offers.on(new OfferAccepted(OTHER_OPPORTUNITY, CANDIDATE, INTERVIEW));
        assertThat(offers.acceptedElsewhere(CANDIDATE, OPPORTUNITY)).isTrue();
    }

    @Test
    void theOpportunitysOwnAcceptance_andAnotherCandidates_doNotCount() {
        offers.on(new OfferAccepted(OPPORTUNITY, CANDIDATE, INTERVIEW));
        offers.on(new OfferAccepted(OTHER_OPPORTUNITY, OTHER_CANDIDATE, INTERVIEW));
        assertThat(offers.acceptedElsewhere(CANDIDATE, OPPORTUNITY)).isFalse();
    }

    @Test
    void handlingTheSameAcceptanceTwice_leavesOneDocument() {
        offers.on(new OfferAccepted(OTHER_OPPORTUNITY, CANDIDATE, INTERVIEW));
        offers.on(new OfferAccepted(OTHER_OPPORTUNITY, CANDIDATE, INTERVIEW));
        assertThat(client.getDatabase("accepted").getCollection(MongoAcceptedOffers.COLLECTION).countDocuments())
                .isEqualTo(1);
    }
}
