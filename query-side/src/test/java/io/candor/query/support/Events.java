package io.candor.query.support;

import io.candor.events.CandidateId;
import io.candor.events.Certainty;
import io.candor.events.Channel;
import io.candor.events.CompanySignal;
import io.candor.events.ContactRole;
import io.candor.events.FirmId;
import io.candor.events.Fit;
import io.candor.events.Interest;
import io.candor.events.Interviewer;
import io.candor.events.InterviewerRole;
import io.candor.events.LessonCategory;
import io.candor.events.OpportunityId;
import io.candor.events.Person;
import io.candor.events.Reason;
import io.candor.events.Source;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Event fixtures for projection tests: one candidate's search, built with sensible defaults. */
public final class Events {

    public static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    public final CandidateId candidate;

    public Events(CandidateId candidate) {
        this.candidate = candidate;
    }

    public static Events forNewCandidate() {
        return new Events(CandidateId.generate());
    }

    public static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    public CandidateEvent.CandidateRegistered registered(String name) {
        return new CandidateEvent.CandidateRegistered(candidate, FirmId.INDEPENDENT, name, name.toLowerCase() + "@example.com",
                true, T0);
    }

    public OpportunityEvent.InvitationReceived invited(OpportunityId id, String company, Interest interest, Person referrer,
                                                       CompanySignal... signals) {
        return new OpportunityEvent.InvitationReceived(id, candidate, company, "Engineer",
                referrer == null ? Source.RECRUITER : Source.REFERRAL, Channel.EMAIL, day(0), interest, referrer,
                Set.of(signals), null);
    }

    public OpportunityEvent.InterviewScheduled scheduled(OpportunityId id, int round, Instant at) {
        return new OpportunityEvent.InterviewScheduled(id, candidate, round, at, Channel.EMAIL, at.minus(Duration.ofDays(1)));
    }

    public OpportunityEvent.InterviewAttended attended(OpportunityId id, int round, Instant at, Fit fit,
                                                       List<Interviewer> interviewers, List<String> questions) {
        return new OpportunityEvent.InterviewAttended(id, candidate, round, at, interviewers, questions,
                List.of(), List.of(), fit);
    }

    public static Interviewer interviewer(String name, InterviewerRole role) {
        return new Interviewer(name, name.toLowerCase().replace(' ', '.') + "@acme.example", "Title of " + name, role);
    }

    public OpportunityEvent.InterviewMissed missed(OpportunityId id, int round, Instant at) {
        return new OpportunityEvent.InterviewMissed(id, candidate, round, at, "overslept");
    }

    public OpportunityEvent.InterviewCancelled cancelled(OpportunityId id, int round, Instant scheduledFor, Duration notice) {
        Instant notifiedAt = scheduledFor.minus(notice);
        return new OpportunityEvent.InterviewCancelled(id, candidate, round, scheduledFor, Reason.ILLNESS, null,
                Channel.EMAIL, "Sorry, I am ill. Thank you for your understanding.", notifiedAt, notifiedAt, notice, Duration.ZERO);
    }

    public OpportunityEvent.InvitationDeclined declined(OpportunityId id, Instant at, Person referred) {
        return new OpportunityEvent.InvitationDeclined(id, candidate, Reason.COMMUTE, null, Certainty.CERTAIN,
                Channel.EMAIL, "Thank you, but the commute is too long.", referred, at, at, Duration.ZERO);
    }

    public OpportunityEvent.WithdrewFromProcess withdrew(OpportunityId id, Instant at, String message) {
        return new OpportunityEvent.WithdrewFromProcess(id, candidate, Reason.FIT, null, Channel.EMAIL, message, at, 1);
    }

    public OpportunityEvent.RejectionReceived rejected(OpportunityId id, Instant at) {
        return new OpportunityEvent.RejectionReceived(id, candidate, "not this time", at);
    }

    public OpportunityEvent.OfferReceived offered(OpportunityId id, Instant at) {
        return new OpportunityEvent.OfferReceived(id, candidate, new BigDecimal("95000.00"), "EUR", at.plus(Duration.ofDays(7)), at);
    }

    public OpportunityEvent.OfferAccepted accepted(OpportunityId id, Instant at) {
        return new OpportunityEvent.OfferAccepted(id, candidate, at);
    }

    public OpportunityEvent.OfferDeclined offerDeclined(OpportunityId id, Instant at) {
        return new OpportunityEvent.OfferDeclined(id, candidate, Reason.COMPENSATION, null, Channel.EMAIL,
                "Thank you for the offer; I must decline.", at);
    }

    public OpportunityEvent.LessonRecorded lesson(OpportunityId id, LessonCategory category, String text, Instant at) {
        return new OpportunityEvent.LessonRecorded(id, candidate, category, text, at);
    }

    public OpportunityEvent.ContactMet met(OpportunityId id, String name, ContactRole role, Instant at) {
        return new OpportunityEvent.ContactMet(id, candidate, new Person(name, null), "Title of " + name, role, at, null);
    }
}
