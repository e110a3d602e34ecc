package io.candor.infrastructure;

import io.candor.events.CandidateId;
import io.candor.events.Certainty;
import io.candor.events.Channel;
import io.candor.events.Commitment;
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
import io.candor.events.SearchOutcome;
import io.candor.events.Source;
import io.candor.events.TeamRole;
import io.candor.events.candidate.CandidateEvent;
import io.candor.events.opportunity.OpportunityEvent;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event survives a round trip through the Jackson serializer Axon stores events with, and says which
 * revision it is. The catalogue below must name every event of both sealed interfaces: a new event without a
 * sample fails {@link #everyEventOfTheCatalogueHasASample()}.
 */
public class EventSerializationTest {

    private static final Serializer serializer = CandorSerialization.serializer();

    private static final OpportunityId OPP = OpportunityId.of("7a1f0c3e-2b4d-4e8f-9a6b-1c2d3e4f5a6b");
    private static final OpportunityId OTHER_OPP = OpportunityId.of("0b9e8d7c-6a5b-4c3d-8e2f-1a0b9c8d7e6f");
    private static final CandidateId CANDIDATE = CandidateId.of("c0ffee00-1234-4321-8888-abcdefabcdef");
    private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");
    private static final Person REFERRER = new Person("Dana Reyes", "dana@example.org");

    public static Stream<Object> catalogue() {
        return Stream.of(
                new OpportunityEvent.InvitationReceived(OPP, CANDIDATE, "Acme", "Staff Engineer", Source.REFERRAL,
                        Channel.EMAIL, T, Interest.UNSURE, REFERRER, Set.of(CompanySignal.MERGER, CompanySignal.LAYOFFS),
                        OTHER_OPP),
                new OpportunityEvent.InterviewScheduled(OPP, CANDIDATE, 1, T.plus(Duration.ofDays(7)), Channel.PHONE, T),
                new OpportunityEvent.InterviewRescheduled(OPP, CANDIDATE, 1, T.plus(Duration.ofDays(7)),
                        T.plus(Duration.ofDays(9)), Reason.WORK_CONFLICT, null, Channel.PHONE, "Could we move it?",
                        T.plus(Duration.ofDays(5)), Duration.ofHours(48)),
                new OpportunityEvent.InterviewCancelled(OPP, CANDIDATE, 2, T.plus(Duration.ofDays(9)), Reason.OTHER,
                        "Relocating abroad", Channel.EMAIL, "Thank you, I must cancel.", T.plus(Duration.ofDays(6)),
                        T.plus(Duration.ofDays(7)), Duration.ofDays(2), Duration.ofDays(1)),
                new OpportunityEvent.InterviewAttended(OPP, CANDIDATE, 1, T.plus(Duration.ofDays(7)),
                        List.of(new Interviewer("Sam Lee", "sam@acme.test", "VP Engineering", InterviewerRole.HIRING_MANAGER)),
                        List.of("Tell me about a failure"), List.of("The 2019 gap"), List.of("Rust is in demand"),
                        Fit.NOT_A_FIT),
                new OpportunityEvent.InterviewMissed(OPP, CANDIDATE, 1, T, "Overslept"),
                new OpportunityEvent.InvitationDeclined(OPP, CANDIDATE, Reason.SENIORITY_MISMATCH, null,
                        Certainty.UNSURE, Channel.EMAIL, "Thank you for thinking of me",
                        new Person("Kim Park", "kim@example.org"), T, T.plus(Duration.ofHours(3)), Duration.ofHours(3)),
                new OpportunityEvent.WithdrewFromProcess(OPP, CANDIDATE, Reason.FIT, null, Channel.EMAIL,
                        "Thank you for your time", T, 2),
                new OpportunityEvent.RejectionReceived(OPP, CANDIDATE, "Went with an internal candidate", T),
                new OpportunityEvent.OfferReceived(OPP, CANDIDATE, new BigDecimal("98500.00"), "EUR",
                        T.plus(Duration.ofDays(5)), T),
                new OpportunityEvent.OfferDeclined(OPP, CANDIDATE, Reason.COMPENSATION, null, Channel.PHONE,
                        "Thank you, I will pass", T),
                new OpportunityEvent.OfferAccepted(OPP, CANDIDATE, T),
                new OpportunityEvent.AlternativePositionProposed(OPP, CANDIDATE, OTHER_OPP, "Principal Engineer", T),
                new OpportunityEvent.LessonRecorded(OPP, CANDIDATE, LessonCategory.RESUME_CLARITY,
                        "Explain the consulting years", T),
                new OpportunityEvent.ContactMet(OPP, CANDIDATE, new Person("Ada Byron", null), "CTO",
                        ContactRole.INFLUENTIAL_PERSON, T, "Met at the onsite lunch"),
                new OpportunityEvent.NoteAdded(OPP, CANDIDATE, "Parking is a nightmare", T),
                new CandidateEvent.CandidateRegistered(CANDIDATE, FirmId.INDEPENDENT, "Jo Doe", "jo@example.org", true, T),
                new CandidateEvent.JobSearchStarted(CANDIDATE, T),
                new CandidateEvent.JobSearchEnded(CANDIDATE, SearchOutcome.HIRED, T),
                new CandidateEvent.EmploymentStatusChanged(CANDIDATE, false, T),
                new CandidateEvent.TeamMemberAdded(CANDIDATE, new Person("Pat Doe", null), TeamRole.EXPERT,
                        Commitment.SHORT_TERM, "Résumé review", T),
                new CandidateEvent.TeamMemberReleased(CANDIDATE, new Person("Pat Doe", null), "Thank you so much!", T),
                new CandidateEvent.CandidatePersonalDataErased(CANDIDATE, T));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void event_survivesARoundTrip_throughTheStoredSerializer(Object event) {
        SerializedObject<String> stored = serializer.serialize(event, String.class);

        Object read = serializer.deserialize(stored);

        assertThat(read).isEqualTo(event);
        assertThat(stored.getType().getRevision()).isEqualTo("1");
    }

    @Test
    void instantsAndDurations_areStoredAsIsoText() {
        var cancelled = (OpportunityEvent.InterviewCancelled) catalogue()
                .filter(OpportunityEvent.InterviewCancelled.class::isInstance).findFirst().orElseThrow();

        String json = serializer.serialize(cancelled, String.class).getData();

        assertThat(json).contains("\"notifiedAt\":\"2026-03-08T09:00:00Z\"")
                .contains("\"noticeLeadTime\":\"PT48H\"")
                .contains("\"opportunityId\":\"" + OPP.value() + "\"");
    }

    @Test
    void everyEventOfTheCatalogueHasASample() {
        Set<Class<?>> sampled = catalogue().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> declared = Stream.of(OpportunityEvent.class, CandidateEvent.class)
                .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses()))
                .collect(Collectors.toSet());

        assertThat(sampled).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(declared).allSatisfy(type -> assertThat(type.getAnnotation(Revision.class)).isNotNull());
    }
}
