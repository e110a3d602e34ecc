package io.candor.query.contacts;

import io.candor.query.support.AppliedPositions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A candidate's network as stored: the contacts, and what the projection needs to know about each opportunity
 * (company, referrer, who was met there) to apply later events. Contacts are identified per candidate by their
 * lower-cased e-mail, else their lower-cased name.
 */
public class ContactsView extends AppliedPositions {

    public String candidateId;
    public boolean registered;
    public boolean erased;
    public List<Contact> contacts = new ArrayList<>();
    public List<OpportunityRef> opportunities = new ArrayList<>();

    /** For reading a stored view back. */
    public ContactsView() {
    }

    /** The empty network of a candidate not seen before. */
    public ContactsView(String candidateId) {
        this.candidateId = candidateId;
    }

    /** One person in the network. {@code bridge} is AT_RISK as soon as there is a risk cause. */
    public static class Contact {
        public String key;
        public String name;
        public String email;
        public String title;
        public List<String> roles = new ArrayList<>();
        public List<String> companies = new ArrayList<>();
        public Instant metAt;
        public Where where;
        public List<Interaction> interactions = new ArrayList<>();
        public String bridge = "WARM";
        public List<String> riskCauses = new ArrayList<>();
        public List<Risk> risks = new ArrayList<>();
        public List<FollowUp> followUps = new ArrayList<>();
    }

    /** Where a contact was first met. */
    public record Where(String company, String opportunityId) {
    }

    /** One encounter: REFERRED (the referrer of an invitation), INTERVIEWED, MET, REFERRED_BY_CANDIDATE. */
    public record Interaction(String opportunityId, String company, String kind, Instant at, String note) {
    }

    /** Why a bridge is at risk: NO_SHOW, LATE_NOTICE, WITHDREW_WITHOUT_THANKS. */
    public record Risk(String cause, String opportunityId, String company, Instant at) {
    }

    /** Something to do for a contact: THANK_INTERVIEWER, TELL_REFERRER, KEEP_IN_TOUCH. */
    public record FollowUp(String kind, String opportunityId, String company, Instant dueAt, String reason) {
    }

    /** What the projection remembers of one opportunity. */
    public static class OpportunityRef {
        public String opportunityId;
        public String company;
        public String role;
        public String referrerKey;
        public List<String> contactKeys = new ArrayList<>();
        public boolean ended;
    }
}
