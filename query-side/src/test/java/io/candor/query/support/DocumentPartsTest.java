package io.candor.query.support;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentPartsTest {

    enum Kind { MET, INTERVIEWED }

    /** A value: nothing in it can change. */
    record Interaction(String company, Kind kind, Instant at, Duration notice, int round, Where where) {
    }

    record Where(String company, String opportunityId) {
    }

    /** Not a value: its list can change in place. */
    record Tagged(String name, List<String> tags) {
    }

    record Pair(int left, int right) {
    }

    /** A view as the candidate views are: mutable objects holding lists of records. */
    static class Network {
        public String candidateId = "c-1";
        public List<Person> people = new ArrayList<>();
        public List<Tagged> tagged = new ArrayList<>();
        @JsonFormat(shape = JsonFormat.Shape.ARRAY)
        public Pair formatted = new Pair(1, 2);
    }

    static class Person {
        public String name;
        public String bridge = "WARM";
        public List<Interaction> interactions = new ArrayList<>();
    }

    private static Network network() {
        Network network = new Network();
        for (int p = 0; p < 3; p++) {
            Person person = new Person();
            person.name = "Person " + p;
            for (int i = 0; i < 4; i++) {
                person.interactions.add(new Interaction("Acme " + i, Kind.MET, Instant.parse("2026-11-23T10:15:30Z"),
                        Duration.ofHours(i), i, new Where("Acme", "o-" + i)));
            }
            network.people.add(person);
        }
        network.tagged.add(new Tagged("t", new ArrayList<>(List.of("a"))));
        return network;
    }

    private static List<Document> interactionsOf(Document network, int person) {
        return network.getList("people", Document.class).get(person).getList("interactions", Document.class);
    }

    @Test
    void aMappingThatReusesParts_isTheSameDocumentAsAPlainOne_asTheViewChanges() {
        Network network = network();
        DocumentParts.Mapped first = ViewDocuments.toDocument(network, null);
        assertThat(first.document()).isEqualTo(ViewDocuments.toDocument(network));

        network.people.get(0).bridge = "AT_RISK";
        network.people.get(1).interactions.set(2, new Interaction("Globex", Kind.INTERVIEWED, Instant.EPOCH,
                Duration.ZERO, 2, new Where("Globex", "o-9")));
        network.people.get(2).interactions.add(new Interaction("Initech", Kind.MET, Instant.EPOCH, null, 1, null));
        network.people.get(2).interactions.remove(0);
        network.tagged.get(0).tags().add("b"); // a record that is not a value, changed in place
        DocumentParts.Mapped second = ViewDocuments.toDocument(network, first.parts());

        assertThat(second.document()).isEqualTo(ViewDocuments.toDocument(network));
        assertThat(second.document().getList("tagged", Document.class).get(0).getList("tags", String.class))
                .containsExactly("a", "b");
        assertThat(second.document().get("formatted")).isEqualTo(List.of(1, 2)); // its property's format kept
    }

    @Test
    void anUnchangedValue_isTheVeryDocumentItWasMappedTo_andAReplacedOneANewDocument() {
        Network network = network();
        DocumentParts.Mapped first = ViewDocuments.toDocument(network, null);
        Interaction replaced = network.people.get(1).interactions.get(2);
        Interaction replacement = new Interaction("Globex", Kind.INTERVIEWED, Instant.EPOCH, Duration.ZERO, 2,
                new Where("Globex", "o-9"));
        network.people.get(1).interactions.set(2, replacement);

        DocumentParts.Mapped second = ViewDocuments.toDocument(network, first.parts());

        assertThat(interactionsOf(second.document(), 1).get(1)).isSameAs(interactionsOf(first.document(), 1).get(1));
        assertThat(interactionsOf(second.document(), 1).get(2)).isNotSameAs(interactionsOf(first.document(), 1).get(2))
                .containsEntry("company", "Globex");
        // the parts of the second mapping are those in the view now: the replaced record's document is gone
        assertThat(first.parts().holds(replaced)).isTrue();
        assertThat(second.parts().holds(replaced)).isFalse();
        assertThat(second.parts().holds(replacement)).isTrue();
    }

    @Test
    void theChangesBetweenTwoMappings_areThoseOfPlainMappings() {
        Network network = network();
        Document plainBefore = ViewDocuments.toDocument(network);
        DocumentParts.Mapped first = ViewDocuments.toDocument(network, null);
        network.people.get(0).bridge = "AT_RISK";
        network.people.get(2).interactions.add(new Interaction("Initech", Kind.MET, Instant.EPOCH, null, 1, null));

        Optional<Document> reused = DocumentChanges.between(first.document(),
                ViewDocuments.toDocument(network, first.parts()).document());

        assertThat(reused).isEqualTo(DocumentChanges.between(plainBefore, ViewDocuments.toDocument(network)));
        assertThat(reused.orElseThrow().get("$set", Document.class).keySet())
                .containsExactlyInAnyOrder("people.0.bridge", "people.2.interactions.4");
    }

    /** A record whose JSON says more than its components: a property of its own, read from outside it. */
    record FollowUp(String kind, Instant dueAt) {
        static Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @JsonProperty("overdue")
        public boolean overdue() {
            return dueAt.isBefore(now);
        }
    }

    /** An enum written through a method that reads a field that can change. */
    enum Tier {
        GOLD;
        String label = "gold";

        @JsonValue
        String label() {
            return label;
        }
    }

    record Ranked(String name, Tier tier) {
    }

    /** Components all values, but one of them a record whose JSON says more than its components. */
    record Holding(String name, FollowUp followUp) {
    }

    static class Unusual {
        public List<FollowUp> followUps = new ArrayList<>(List.of(new FollowUp("THANK", Instant.parse(
                "2026-02-01T00:00:00Z"))));
        public List<Ranked> ranked = new ArrayList<>(List.of(new Ranked("a", Tier.GOLD)));
        public List<Holding> holdings = new ArrayList<>(List.of(new Holding("h", new FollowUp("KEEP",
                Instant.parse("2026-02-01T00:00:00Z")))));
        @JsonUnwrapped
        public Where where = new Where("Acme", "o-1");
    }

    @Test
    void recordsWhoseJsonIsNotTheirComponents_areMappedAsAPlainMappingMapsThem() {
        Unusual view = new Unusual();
        DocumentParts.Mapped first = ViewDocuments.toDocument(view, null);
        assertThat(first.document()).containsEntry("company", "Acme").containsEntry("opportunityId", "o-1")
                .doesNotContainKey("where"); // unwrapped into its holder, as Jackson alone writes it
        FollowUp.now = Instant.parse("2026-03-01T00:00:00Z");
        Tier.GOLD.label = "platinum";
        try {
            DocumentParts.Mapped second = ViewDocuments.toDocument(view, first.parts());

            assertThat(second.document()).isEqualTo(ViewDocuments.toDocument(view));
            assertThat(second.document().getList("followUps", Document.class).get(0)).containsEntry("overdue", true);
            assertThat(second.document().getList("ranked", Document.class).get(0)).containsEntry("tier", "platinum");
            assertThat(second.document().getList("holdings", Document.class).get(0).get("followUp", Document.class))
                    .containsEntry("overdue", true);
            assertThat(ViewDocuments.fromDocument(second.document(), Unusual.class).where)
                    .isEqualTo(new Where("Acme", "o-1"));
        } finally {
            FollowUp.now = Instant.parse("2026-01-01T00:00:00Z");
            Tier.GOLD.label = "gold";
        }
    }

    @Test
    void onlyRecordsOfValues_areValues() {
        assertThat(DocumentParts.isValueRecord(Interaction.class)).isTrue();
        assertThat(DocumentParts.isValueRecord(Where.class)).isTrue();
        assertThat(DocumentParts.isValueRecord(Tagged.class)).isFalse();
        assertThat(DocumentParts.isValueRecord(Ranked.class)).isFalse();
        assertThat(DocumentParts.isValueRecord(FollowUp.class)).isFalse();
        assertThat(DocumentParts.isValueRecord(Holding.class)).isFalse();
        assertThat(DocumentParts.isValueRecord(Person.class)).isFalse();
        assertThat(DocumentParts.isValueRecord(String.class)).isFalse();
    }

    @Test
    void withoutAMappingThatReusesParts_nothingIsKept() {
        Network network = network();
        Document once = ViewDocuments.toDocument(network);
        Document again = ViewDocuments.toDocument(network);

        assertThat(interactionsOf(again, 0).get(0)).isEqualTo(interactionsOf(once, 0).get(0))
                .isNotSameAs(interactionsOf(once, 0).get(0));
    }
}
