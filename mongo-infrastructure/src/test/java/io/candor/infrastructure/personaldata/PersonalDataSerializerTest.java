package io.candor.infrastructure.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.candor.events.CandidateId;
import io.candor.events.Channel;
import io.candor.events.Fit;
import io.candor.events.Interviewer;
import io.candor.events.InterviewerRole;
import io.candor.events.OpportunityId;
import io.candor.events.Person;
import io.candor.events.Reason;
import io.candor.events.Certainty;
import io.candor.events.opportunity.OpportunityEvent;
import io.candor.events.opportunity.OpportunityEvent.InterviewAttended;
import io.candor.events.opportunity.OpportunityEvent.InvitationDeclined;
import io.candor.infrastructure.CandorSerialization;
import io.candor.infrastructure.EventSerializationTest;
import io.candor.infrastructure.embedded.EmbeddedMongo;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event serializer with crypto-shredding, its keys in the embedded server over a real socket: every event of
 * the catalogue stored without a readable personal text and read back whole; after erasure, the personal texts
 * read as erased and everything else as it was.
 */
class PersonalDataSerializerTest {

    private static final Serializer plain = CandorSerialization.serializer();
    private static final ObjectMapper json = CandorSerialization.objectMapper();
    private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");

    private EmbeddedMongo mongo;
    private MongoClient client;
    private CandidateKeys keys;
    private PersonalDataSerializer serializer;

    @BeforeEach
    void keys() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.connectionString());
        MongoDatabase database = client.getDatabase("candor");
        keys = new CandidateKeys(database);
        serializer = new PersonalDataSerializer(plain, keys);
    }

    @AfterEach
    void close() {
        client.close();
        mongo.close();
    }

    static Stream<Object> catalogue() {
        return EventSerializationTest.catalogue();
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void everyEvent_isStoredWithoutAReadablePersonalText_andReadBackWhole(Object event) throws Exception {
        SerializedObject<String> stored = serializer.serialize(event, String.class);

        for (String text : personalTexts(event)) {
            assertThat(stored.getData()).doesNotContain(json.writeValueAsString(text));
        }
        assertThat(stored.getType()).isEqualTo(plain.serialize(event, String.class).getType());
        Object read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(event);
    }

    /** Every name, address, message and note the catalogue holds, listed by hand (not by the marks under test). */
    private static final List<String> CATALOGUE_PERSONAL = List.of("Dana Reyes", "dana@example.org", "Could we move it?",
            "Relocating abroad", "Thank you, I must cancel.", "Sam Lee", "sam@acme.test", "Tell me about a failure",
            "The 2019 gap", "Rust is in demand", "Overslept", "Thank you for thinking of me", "Kim Park",
            "kim@example.org", "Thank you for your time", "Went with an internal candidate", "Thank you, I will pass",
            "Explain the consulting years", "Ada Byron", "Met at the onsite lunch", "Parking is a nightmare", "Jo Doe",
            "jo@example.org", "Pat Doe", "sum\u00e9 review", "Thank you so much!");

    @Test
    void noNameAddressMessageOrNoteOfTheCatalogue_isStoredReadably() {
        StringBuilder everything = new StringBuilder();
        catalogue().forEach(event -> everything.append(serializer.serialize(event, String.class).getData()));
        StringBuilder plainly = new StringBuilder();
        catalogue().forEach(event -> plainly.append(plain.serialize(event, String.class).getData()));

        for (String personal : CATALOGUE_PERSONAL) {
            String asJson = personal.replace("\u00e9", "é");
            assertThat(plainly.toString()).as("the catalogue holds " + asJson).contains(asJson.substring(0, 3));
            assertThat(everything.toString()).as(asJson).doesNotContain(asJson);
        }
    }

    @Test
    void theEncryptedTexts_areTheNamesEmailsAndMessages_notTheReasonsChannelsOrInstants() throws Exception {
        InvitationDeclined declined = declined(CandidateId.generate());

        JsonNode stored = json.readTree(serializer.serialize(declined, String.class).getData());

        assertThat(stored.path("message").asText()).startsWith(PersonalDataSerializer.PREFIX);
        assertThat(stored.at("/referredCandidate/name").asText()).startsWith(PersonalDataSerializer.PREFIX);
        assertThat(stored.at("/referredCandidate/email").asText()).startsWith(PersonalDataSerializer.PREFIX);
        assertThat(stored.path("reason").asText()).isEqualTo("SENIORITY_MISMATCH");
        assertThat(stored.path("channel").asText()).isEqualTo("EMAIL");
        assertThat(stored.path("decidedAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(stored.path("candidateId").asText()).isEqualTo(declined.candidateId().value());
    }

    @Test
    void afterErasure_thePersonalTextsReadAsErased_andEverythingElseAsItWas() {
        CandidateId candidate = CandidateId.generate();
        SerializedObject<String> declined = serializer.serialize(declined(candidate), String.class);
        InterviewAttended attendedEvent = attended(candidate);
        SerializedObject<String> attended = serializer.serialize(attendedEvent, String.class);
        CandidateId someoneElse = CandidateId.generate();
        SerializedObject<String> theirs = serializer.serialize(declined(someoneElse), String.class);

        keys.erase(candidate.value());
        PersonalDataSerializer anotherProcess = new PersonalDataSerializer(plain, new CandidateKeys(client.getDatabase("candor")));

        for (PersonalDataSerializer reader : List.of(serializer, anotherProcess)) {
            InvitationDeclined read = reader.deserialize(declined);
            assertThat(read.message()).isEqualTo(PersonalDataSerializer.ERASED);
            assertThat(read.referredCandidate()).isEqualTo(new Person(PersonalDataSerializer.ERASED, PersonalDataSerializer.ERASED));
            assertThat(read.reason()).isEqualTo(Reason.SENIORITY_MISMATCH);
            assertThat(read.certainty()).isEqualTo(Certainty.UNSURE);
            assertThat(read.notifiedAt()).isEqualTo(T.plus(Duration.ofHours(3)));
            InterviewAttended interview = reader.deserialize(attended);
            assertThat(interview.interviewers().get(0).name()).isEqualTo(PersonalDataSerializer.ERASED);
            assertThat(interview.interviewers().get(0).title()).isEqualTo("VP Engineering");
            assertThat(interview.interviewers().get(0).role()).isEqualTo(InterviewerRole.HIRING_MANAGER);
            assertThat(interview.questions()).containsExactly(PersonalDataSerializer.ERASED, PersonalDataSerializer.ERASED);
            assertThat(interview.fit()).isEqualTo(Fit.GOOD);
            assertThat(((InvitationDeclined) reader.deserialize(theirs)).message()).isEqualTo("Thank you, but no");
        }
    }

    @Test
    void aTextReadBeforeTheErasure_readsAsErasedAfterIt() {
        CandidateId candidate = CandidateId.generate();
        SerializedObject<String> stored = serializer.serialize(declined(candidate), String.class);
        assertThat(((InvitationDeclined) serializer.deserialize(stored)).message()).isEqualTo("Thank you, but no");
        assertThat(serializer.keepsWhatWasReadWithTheKeyOf(candidate.value())).isTrue();

        keys.erase(candidate.value());

        assertThat(serializer.keepsWhatWasReadWithTheKeyOf(candidate.value()))
                .as("what was decrypted is forgotten with the key").isFalse();
        SerializedObject<String> readAgain = new SimpleSerializedObject<>(new String(stored.getData()), String.class,
                stored.getType());
        InvitationDeclined afterErasure = serializer.deserialize(readAgain);
        assertThat(afterErasure.message()).isEqualTo(PersonalDataSerializer.ERASED);
        assertThat(afterErasure.referredCandidate().name()).isEqualTo(PersonalDataSerializer.ERASED);
        assertThat(afterErasure.reason()).isEqualTo(Reason.SENIORITY_MISMATCH);
    }

    @Test
    void aTextReadBeforeAnotherProcessErasedTheKey_readsAsErasedOnceThisProcessNoLongerRemembersTheKey() {
        CandidateId candidate = CandidateId.generate();
        SerializedObject<String> stored = serializer.serialize(declined(candidate), String.class);
        MovableClock clock = new MovableClock(T);
        PersonalDataSerializer here = new PersonalDataSerializer(plain,
                new CandidateKeys(client.getDatabase("candor"), clock));
        assertThat(((InvitationDeclined) here.deserialize(stored)).message()).isEqualTo("Thank you, but no");

        keys.erase(candidate.value()); // another process's keys

        assertThat(((InvitationDeclined) here.deserialize(stored)).message())
                .as("the key is remembered here for a while, as without the texts read lately")
                .isEqualTo("Thank you, but no");
        clock.now = T.plus(CandidateKeys.REMEMBER_FOR).plusSeconds(1);
        assertThat(((InvitationDeclined) here.deserialize(stored)).message()).isEqualTo(PersonalDataSerializer.ERASED);
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aStoredTextReadAgain_isNotParsedAgain_whateverTheReader() {
        SerializedObject<String> stored = serializer.serialize(attended(CandidateId.generate()), String.class);
        Object first = serializer.deserialize(stored);

        Object byAnotherReader = serializer.deserialize(new SimpleSerializedObject<>(new String(stored.getData()),
                String.class, stored.getType()));

        assertThat(byAnotherReader).isSameAs(first);
        SerializedObject<String> another = serializer.serialize(attended(CandidateId.generate()), String.class);
        assertThat((Object) serializer.deserialize(another)).isNotSameAs(first).isNotEqualTo(first);
    }

    @Test
    void personalDataWrittenAfterErasure_isNotKept() throws Exception {
        CandidateId candidate = CandidateId.generate();
        keys.erase(candidate.value());

        String stored = serializer.serialize(declined(candidate), String.class).getData();

        assertThat(stored).doesNotContain("Kim Park").doesNotContain(PersonalDataSerializer.PREFIX);
        assertThat(json.readTree(stored).path("message").asText()).isEqualTo(PersonalDataSerializer.ERASED);
    }

    @Test
    void anEventStoredBeforeEncryptionBegan_readsAsItWasWritten() {
        InvitationDeclined legacy = declined(CandidateId.generate());
        SerializedObject<String> stored = plain.serialize(legacy, String.class);

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(legacy);
    }

    @Test
    void aTextCopiedIntoAnotherCandidatesEvent_doesNotDecryptThere() throws Exception {
        CandidateId victim = CandidateId.generate();
        CandidateId thief = CandidateId.generate();
        JsonNode victims = json.readTree(serializer.serialize(declined(victim), String.class).getData());
        serializer.serialize(declined(thief), String.class); // the thief has a key of their own
        ((com.fasterxml.jackson.databind.node.ObjectNode) victims).put("candidateId", thief.value());
        SerializedObject<String> forged = new SimpleSerializedObject<>(victims.toString(), String.class,
                plain.typeForClass(InvitationDeclined.class));

        InvitationDeclined read = serializer.deserialize(forged);

        assertThat(read.message()).doesNotContain("Thank you").startsWith(PersonalDataSerializer.PREFIX);
    }

    private static List<String> personalTexts(Object event) {
        List<String> texts = new ArrayList<>();
        JsonNode tree = json.valueToTree(event);
        PersonalFields.of(event.getClass()).transform(tree, text -> {
            texts.add(text);
            return text;
        });
        return texts;
    }

    private static InvitationDeclined declined(CandidateId candidate) {
        return new InvitationDeclined(OpportunityId.generate(), candidate, Reason.SENIORITY_MISMATCH, null,
                Certainty.UNSURE, Channel.EMAIL, "Thank you, but no", new Person("Kim Park", "kim@example.org"),
                T, T.plus(Duration.ofHours(3)), Duration.ofHours(3));
    }

    private static InterviewAttended attended(CandidateId candidate) {
        return new OpportunityEvent.InterviewAttended(OpportunityId.generate(), candidate, 1, T,
                List.of(new Interviewer("Sam Lee", "sam@acme.test", "VP Engineering", InterviewerRole.HIRING_MANAGER)),
                List.of("Tell me about a failure", "Why us?"), List.of(), List.of(), Fit.GOOD);
    }
}
