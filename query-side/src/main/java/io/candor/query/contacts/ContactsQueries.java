package io.candor.query.contacts;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.candor.query.support.QueryClock;
import io.candor.query.support.QueryNotFoundException;
import io.candor.query.support.ViewDocuments;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads a candidate's network; follow-ups are due once their {@code dueAt} has come. */
@Component
public class ContactsQueries {

    private final MongoCollection<Document> views;
    private final QueryClock clock;

    ContactsQueries(MongoDatabase candorDatabase, QueryClock clock) {
        this.views = candorDatabase.getCollection(ContactsProjection.CONTACTS);
        this.clock = clock;
    }

    /** A follow-up due now, with the contact it is for. */
    public record FollowUpDue(String contact, String email, String kind, String opportunityId, String company,
                       Instant dueAt, String reason) {
    }

    /** The network contacts view. */
    public record Contacts(String candidateId, List<ContactsView.Contact> contacts, List<FollowUpDue> followUpsDue) {
    }

    public Contacts contacts(String candidateId) {
        Document document = views.find(Filters.eq("_id", candidateId)).first();
        ContactsView view = document == null ? null : ViewDocuments.fromDocument(document, ContactsView.class);
        if (view == null || !view.registered) {
            throw new QueryNotFoundException("No candidate " + candidateId);
        }
        Instant now = clock.now();
        List<ContactsView.Contact> contacts = new ArrayList<>(view.contacts);
        contacts.sort(Comparator.comparing((ContactsView.Contact c) -> c.metAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(c -> c.key));
        List<FollowUpDue> due = new ArrayList<>();
        for (ContactsView.Contact contact : contacts) {
            for (ContactsView.FollowUp followUp : contact.followUps) {
                if (followUp.dueAt() != null && !followUp.dueAt().isAfter(now)) {
                    due.add(new FollowUpDue(contact.name, contact.email, followUp.kind(), followUp.opportunityId(),
                            followUp.company(), followUp.dueAt(), followUp.reason()));
                }
            }
        }
        due.sort(Comparator.comparing(FollowUpDue::dueAt));
        return new Contacts(candidateId, contacts, due);
    }
}
