package io.candor.query.contacts;

import com.mongodb.client.MongoDatabase;
import io.candor.events.Interviewer;
import io.candor.events.Person;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.infrastructure.personaldata.PersonalDataSerializer;
import io.candor.events.opportunity.OpportunityEvent.ContactMet;
import io.candor.events.opportunity.OpportunityEvent.InterviewAttended;
import io.candor.events.opportunity.OpportunityEvent.InterviewCancelled;
import io.candor.events.opportunity.OpportunityEvent.InterviewMissed;
import io.candor.events.opportunity.OpportunityEvent.InterviewRescheduled;
import io.candor.events.opportunity.OpportunityEvent.InvitationDeclined;
import io.candor.events.opportunity.OpportunityEvent.InvitationReceived;
import io.candor.events.opportunity.OpportunityEvent.OfferAccepted;
import io.candor.events.opportunity.OpportunityEvent.OfferDeclined;
import io.candor.events.opportunity.OpportunityEvent.RejectionReceived;
import io.candor.events.opportunity.OpportunityEvent.WithdrewFromProcess;
import io.candor.query.contacts.ContactsView.Contact;
import io.candor.query.contacts.ContactsView.FollowUp;
import io.candor.query.contacts.ContactsView.Interaction;
import io.candor.query.contacts.ContactsView.OpportunityRef;
import io.candor.query.contacts.ContactsView.Risk;
import io.candor.query.support.CandidateDocuments;
import io.candor.query.support.Stages;
import io.candor.query.support.ViewPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Builds {@value #CONTACTS}: one document per candidate ({@code _id} = candidate id), loaded, changed by one event
 * and replaced whole together with the positions it has applied (see {@link io.candor.query.support.AppliedPositions}),
 * so an event already applied is skipped. Rules (PRODUCT.md, seeds 000 and 001):
 * <ul>
 *   <li>referrers (InvitationReceived), interviewers (InterviewAttended: THANK_INTERVIEWER due a day later),
 *       people met (ContactMet), and the candidate referred in a win/win decline become contacts;</li>
 *   <li>a decline, cancellation, withdrawal or offer decline on an opportunity with a referrer: TELL_REFERRER;</li>
 *   <li>an ended opportunity: KEEP_IN_TOUCH with its recruiters and hiring managers;</li>
 *   <li>at risk, for every contact of the opportunity: a no-show (NO_SHOW), a cancellation or reschedule with less
 *       than 24 hours' notice (LATE_NOTICE), a withdrawal whose message does not thank (WITHDREW_WITHOUT_THANKS).</li>
 * </ul>
 */
@Component
@ProcessingGroup(ContactsProjection.VIEW)
class ContactsProjection {

    static final String VIEW = "contacts";
    static final String CONTACTS = "contacts_by_candidate";
    static final Duration LATE_NOTICE = Duration.ofHours(24);
    static final Duration THANK_WITHIN = Duration.ofDays(1);
    private static final Set<String> KEEP_IN_TOUCH_ROLES = Set.of("RECRUITER", "HIRING_MANAGER");

    private final CandidateDocuments<ContactsView> views;

    ContactsProjection(MongoDatabase candorDatabase, ViewPositions positions) {
        this.views = new CandidateDocuments<>(VIEW, candorDatabase.getCollection(CONTACTS), ContactsView.class,
                ContactsView::new, positions);
    }

    @EventHandler
    void on(CandidateEvent event, @SequenceNumber long sequence) {
        String candidateId = event.candidateId().value();
        views.update(candidateId, candidateId, sequence, view -> {
            if (event instanceof CandidateEvent.CandidateRegistered) {
                view.registered = true;
            } else if (event instanceof CandidateEvent.CandidatePersonalDataErased) {
                view.erased = true;
                int n = 0;
                for (Contact contact : view.contacts) {
                    String erasedKey = "erased-" + n++;
                    view.opportunities.forEach(o -> {
                        o.contactKeys.replaceAll(k -> k.equals(contact.key) ? erasedKey : k);
                        if (contact.key.equals(o.referrerKey)) {
                            o.referrerKey = erasedKey;
                        }
                    });
                    contact.key = erasedKey;
                    String name = contact.name;
                    if (name != null && !name.isBlank()) {
                        contact.followUps.replaceAll(f -> new FollowUp(f.kind(), f.opportunityId(), f.company(),
                                f.dueAt(), f.reason() == null ? null : f.reason().replace(name, PersonalDataSerializer.ERASED)));
                    }
                    contact.name = null;
                    contact.email = null;
                    contact.interactions.replaceAll(i -> new Interaction(i.opportunityId(), i.company(), i.kind(), i.at(), null));
                }
            }
        });
    }

    @EventHandler
    void on(OpportunityEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        views.update(event.candidateId().value(), event.opportunityId().value(), sequence,
                view -> apply(view, event, Stages.happenedOrRecorded(Stages.happenedAt(event), recordedAt)));
    }

    @ResetHandler
    void reset() {
        views.clear();
    }

    private static void apply(ContactsView view, OpportunityEvent event, Instant at) {
        String opportunityId = event.opportunityId().value();
        OpportunityRef opportunity = opportunity(view, opportunityId);
        if (event instanceof InvitationReceived e) {
            opportunity.company = e.company();
            opportunity.role = e.role();
            Contact referrer = meet(view, opportunity, e.referrer(), null, "REFERRER", "REFERRED", at, null);
            opportunity.referrerKey = referrer == null ? null : referrer.key;
        } else if (event instanceof InterviewAttended e) {
            for (Interviewer interviewer : e.interviewers() == null ? List.<Interviewer>of() : e.interviewers()) {
                Contact contact = meet(view, opportunity, new Person(interviewer.name(), interviewer.email()),
                        interviewer.title(), interviewer.role() == null ? "INTERVIEWER" : interviewer.role().name(),
                        "INTERVIEWED", at, "round " + e.round());
                followUp(contact, new FollowUp("THANK_INTERVIEWER", opportunityId, opportunity.company,
                        at.plus(THANK_WITHIN), "Thank " + contact.name + " for their time in round " + e.round()));
            }
        } else if (event instanceof ContactMet e) {
            meet(view, opportunity, e.contact(), e.title(), e.role() == null ? null : e.role().name(), "MET", at, e.note());
        } else if (event instanceof InterviewRescheduled e) {
            if (isLate(e.noticeLeadTime())) {
                atRisk(view, opportunity, "LATE_NOTICE", at);
            }
        } else if (event instanceof InterviewCancelled e) {
            if (isLate(e.noticeLeadTime())) {
                atRisk(view, opportunity, "LATE_NOTICE", at);
            }
            tellReferrer(view, opportunity, "the interview was cancelled", at);
            ended(view, opportunity, at);
        } else if (event instanceof InvitationDeclined e) {
            if (e.referredCandidate() != null) {
                meet(view, opportunity, e.referredCandidate(), null, "REFERRED_CANDIDATE", "REFERRED_BY_CANDIDATE", at, null);
            }
            tellReferrer(view, opportunity, "the invitation was declined", at);
            ended(view, opportunity, at);
        } else if (event instanceof WithdrewFromProcess e) {
            if (!thanks(e.message())) {
                atRisk(view, opportunity, "WITHDREW_WITHOUT_THANKS", at);
            }
            tellReferrer(view, opportunity, "you withdrew from the process", at);
            ended(view, opportunity, at);
        } else if (event instanceof OfferDeclined) {
            tellReferrer(view, opportunity, "the offer was declined", at);
            ended(view, opportunity, at);
        } else if (event instanceof InterviewMissed) {
            atRisk(view, opportunity, "NO_SHOW", at);
            ended(view, opportunity, at);
        } else if (event instanceof RejectionReceived || event instanceof OfferAccepted) {
            ended(view, opportunity, at);
        }
    }

    static boolean isLate(Duration noticeLeadTime) {
        return noticeLeadTime != null && noticeLeadTime.compareTo(LATE_NOTICE) < 0;
    }

    /** Whether a message thanks them for their time (seed 000): "thank", "thanks", "grateful", "appreciate". */
    static boolean thanks(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("thank") || lower.contains("grateful") || lower.contains("appreciat");
    }

    static String keyOf(String name, String email) {
        if (email != null && !email.isBlank()) {
            return email.trim().toLowerCase(Locale.ROOT);
        }
        if (name != null && !name.isBlank()) {
            return name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        }
        return null;
    }

    private static OpportunityRef opportunity(ContactsView view, String opportunityId) {
        for (OpportunityRef opportunity : view.opportunities) {
            if (opportunity.opportunityId.equals(opportunityId)) {
                return opportunity;
            }
        }
        OpportunityRef opportunity = new OpportunityRef();
        opportunity.opportunityId = opportunityId;
        view.opportunities.add(opportunity);
        return opportunity;
    }

    private static Contact meet(ContactsView view, OpportunityRef opportunity, Person person, String title, String role,
                                String kind, Instant at, String note) {
        if (person == null) {
            return null;
        }
        String key = keyOf(person.name(), person.email());
        if (key == null) {
            return null;
        }
        Contact contact = view.contacts.stream().filter(c -> c.key.equals(key)).findFirst().orElseGet(() -> {
            Contact created = new Contact();
            created.key = key;
            view.contacts.add(created);
            return created;
        });
        if (contact.name == null || contact.name.isBlank()) {
            contact.name = person.name();
        }
        if (contact.email == null || contact.email.isBlank()) {
            contact.email = person.email();
        }
        if (title != null && !title.isBlank()) {
            contact.title = title;
        }
        if (role != null && !contact.roles.contains(role)) {
            contact.roles.add(role);
        }
        if (opportunity.company != null && !contact.companies.contains(opportunity.company)) {
            contact.companies.add(opportunity.company);
        }
        if (contact.metAt == null || at.isBefore(contact.metAt)) {
            contact.metAt = at;
            contact.where = new ContactsView.Where(opportunity.company, opportunity.opportunityId);
        }
        contact.interactions.add(new Interaction(opportunity.opportunityId, opportunity.company, kind, at, note));
        if (!opportunity.contactKeys.contains(key)) {
            opportunity.contactKeys.add(key);
        }
        return contact;
    }

    private static void atRisk(ContactsView view, OpportunityRef opportunity, String cause, Instant at) {
        for (Contact contact : contactsOf(view, opportunity)) {
            if (!contact.riskCauses.contains(cause)) {
                contact.riskCauses.add(cause);
            }
            contact.risks.add(new Risk(cause, opportunity.opportunityId, opportunity.company, at));
            contact.bridge = "AT_RISK";
        }
    }

    private static void tellReferrer(ContactsView view, OpportunityRef opportunity, String what, Instant at) {
        if (opportunity.referrerKey == null) {
            return;
        }
        view.contacts.stream().filter(c -> c.key.equals(opportunity.referrerKey)).findFirst()
                .ifPresent(referrer -> followUp(referrer, new FollowUp("TELL_REFERRER", opportunity.opportunityId,
                        opportunity.company, at, "Tell " + referrer.name + " that " + what + " at " + opportunity.company)));
    }

    private static void ended(ContactsView view, OpportunityRef opportunity, Instant at) {
        opportunity.ended = true;
        for (Contact contact : contactsOf(view, opportunity)) {
            boolean metThereAs = contact.interactions.stream()
                    .anyMatch(i -> Objects.equals(i.opportunityId(), opportunity.opportunityId))
                    && contact.roles.stream().anyMatch(KEEP_IN_TOUCH_ROLES::contains);
            if (metThereAs) {
                followUp(contact, new FollowUp("KEEP_IN_TOUCH", opportunity.opportunityId, opportunity.company, at,
                        "Keep in touch with " + contact.name + " for future openings at " + opportunity.company));
            }
        }
    }

    private static List<Contact> contactsOf(ContactsView view, OpportunityRef opportunity) {
        return view.contacts.stream().filter(c -> opportunity.contactKeys.contains(c.key)).toList();
    }

    private static void followUp(Contact contact, FollowUp followUp) {
        boolean known = contact.followUps.stream().anyMatch(f -> f.kind().equals(followUp.kind())
                && Objects.equals(f.opportunityId(), followUp.opportunityId()));
        if (!known) {
            contact.followUps.add(followUp);
        }
    }
}
