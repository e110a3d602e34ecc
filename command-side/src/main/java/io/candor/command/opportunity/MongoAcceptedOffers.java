package io.candor.command.opportunity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.candor.events.CandidateId;
import io.candor.events.OpportunityId;
import io.candor.events.opportunity.OpportunityEvent.OfferAccepted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * {@link AcceptedOffers} in MongoDB (collection {@code command_accepted_offers}, one document per accepted
 * opportunity, looked up by an exact match on {@code candidateId}), kept up to date by the subscribing processor
 * {@code accepted-offers}: the document is written on the thread that accepted the offer, right after its event
 * was stored and before the response, so the next command already sees it.
 * <p>
 * Races: the collection is only ever added to, and an acceptance is final. A cancellation racing an acceptance
 * can therefore only be refused (OTHER_OFFER_MUST_EXIST) when it would have been allowed a moment later; it can
 * never be allowed when it should be refused. Without transactions, a crash between storing {@code OfferAccepted}
 * and writing here leaves the acceptance out of the lookup: again a refusal, never a wrong acceptance.
 */
@Component
@ProcessingGroup("accepted-offers")
class MongoAcceptedOffers implements AcceptedOffers {

    static final String COLLECTION = "command_accepted_offers";

    private final MongoCollection<Document> offers;

    MongoAcceptedOffers(MongoDatabase candorDatabase) {
        this.offers = candorDatabase.getCollection(COLLECTION);
        offers.createIndex(Indexes.ascending("candidateId"), new IndexOptions().name("candidateId"));
    }

    @EventHandler
    void on(OfferAccepted event) {
        offers.replaceOne(Filters.eq("_id", event.opportunityId().value()),
                new Document("_id", event.opportunityId().value())
                        .append("candidateId", event.candidateId().value())
                        .append("acceptedAt", Date.from(event.acceptedAt())),
                new ReplaceOptions().upsert(true));
    }

    @Override
    public boolean acceptedElsewhere(CandidateId candidate, OpportunityId except) {
        for (Document offer : offers.find(Filters.eq("candidateId", candidate.value()))) {
            if (!except.value().equals(offer.getString("_id"))) {
                return true;
            }
        }
        return false;
    }
}
