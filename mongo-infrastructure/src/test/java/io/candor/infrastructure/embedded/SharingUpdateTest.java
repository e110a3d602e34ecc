package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An update by {@link SharingUpdate} builds a new version that shares what it leaves alone, never changes the
 * stored one, answers the stored one itself when nothing changes, and leaves to the server what it does not cover.
 */
class SharingUpdateTest {

    @Test
    void set_copiesThePathToTheChangedValue_sharesTheRest_andLeavesTheStoredVersionWhole() {
        Document stored = stored();
        Document before = stored.cloneDeeply();

        Document updated = SharingUpdate.apply(stored, update("$set", "contacts.1.name", "Ada")).orElseThrow();

        assertThat(stored).isEqualTo(before);
        assertThat(contact(updated, 1).get("name")).isEqualTo("Ada");
        assertThat(contact(updated, 1).get("role")).isEqualTo("recruiter");
        assertThat(updated.get("contacts")).isNotSameAs(stored.get("contacts"));
        assertThat(contact(updated, 1)).isNotSameAs(contact(stored, 1));
        assertThat(contact(updated, 0)).isSameAs(contact(stored, 0));
        assertThat(updated.get("figures")).isSameAs(stored.get("figures"));
        assertThat(updated.get("_id")).isEqualTo("c-1");
    }

    @Test
    void set_createsTheSubDocumentsAPathLacks_andAppendsAtAListsLength() {
        Document updated = SharingUpdate.apply(stored(), new Document("$set",
                new Document("figures.byReason.GHOSTED", 2).append("contacts.2", new Document("name", "Lin"))))
                .orElseThrow();

        assertThat(((Document) ((Document) updated.get("figures")).get("byReason")).get("GHOSTED")).isEqualTo(2);
        assertThat(contact(updated, 2)).isEqualTo(new Document("name", "Lin"));
        assertThat((List<?>) updated.get("contacts")).hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void unset_removesAField_nullsAListElement_andIgnoresAPathThatLeadsNowhere() {
        Document stored = stored();
        Document before = stored.cloneDeeply();

        Document updated = SharingUpdate.apply(stored, new Document("$unset",
                new Document("figures.offers", "").append("contacts.0", "").append("missing.path", "")))
                .orElseThrow();

        assertThat(stored).isEqualTo(before);
        assertThat((Document) updated.get("figures")).doesNotContainKey("offers");
        assertThat((List<Object>) updated.get("contacts")).containsExactly(null, contact(stored, 1));
        assertThat(SharingUpdate.apply(stored, update("$unset", "nothing.here", ""))).containsSame(stored);
    }

    @Test
    void anUpdateThatChangesNothing_answersTheStoredVersionItself() {
        Document stored = stored();

        assertThat(SharingUpdate.apply(stored, update("$set", "contacts.1.role", "recruiter"))).containsSame(stored);
        assertThat(SharingUpdate.apply(stored, update("$set", "figures", new Document("offers", 1))))
                .containsSame(stored);
        assertThat(SharingUpdate.apply(stored, stored.cloneDeeply())).containsSame(stored);
    }

    /** MongoDB compares the bytes: a number of another type, or fields in another order, is a change. */
    @Test
    void aValueOfAnotherTypeOrOrder_isAChange() {
        Document stored = stored();

        assertThat(SharingUpdate.apply(stored, update("$set", "figures.offers", 1L)).orElseThrow())
                .isNotSameAs(stored);
        Document reordered = new Document("_id", "c-1").append("figures", stored.get("figures"))
                .append("contacts", stored.get("contacts"));
        assertThat(SharingUpdate.apply(stored, reordered).orElseThrow()).isNotSameAs(stored);
    }

    @Test
    void max_setsANumberWhereThereIsNone_orASmallerOne() {
        Document stored = stored();
        Document before = stored.cloneDeeply();

        assertThat(SharingUpdate.apply(stored, update("$max", "figures.offers", 3L)).orElseThrow().get("figures"))
                .isEqualTo(new Document("offers", 3L));
        assertThat(SharingUpdate.apply(stored, update("$max", "figures.offers", 1L))).containsSame(stored);
        assertThat(SharingUpdate.apply(stored, update("$max", "figures.offers", 0))).containsSame(stored);
        assertThat(SharingUpdate.apply(stored, update("$max", "figures.interviews", 2)).orElseThrow().get("figures"))
                .isEqualTo(new Document("offers", 1).append("interviews", 2));
        assertThat(stored).isEqualTo(before);
    }

    @Test
    void aReplacement_keepsTheId_first_andSharesItsValues() {
        Document stored = stored();
        List<Object> contacts = new ArrayList<>(List.of(new Document("name", "Lin")));
        Document replacement = new Document("contacts", contacts).append("_id", "c-1");

        Document updated = SharingUpdate.apply(stored, replacement).orElseThrow();

        assertThat(updated.keySet()).containsExactly("_id", "contacts");
        assertThat(updated.get("contacts")).isSameAs(contacts);
        assertThat(SharingUpdate.apply(stored, new Document("contacts", List.of())).orElseThrow().get("_id"))
                .isEqualTo("c-1");
    }

    /** What the server applies, or refuses, as MongoDB does. */
    @Test
    void whatItDoesNotCover_isLeftToTheServer() {
        Document stored = stored();
        List<Document> updates = List.of(
                update("$inc", "figures.offers", 1),
                new Document("$set", new Document("figures.offers", 2)).append("$inc", new Document("n", 1)),
                update("$set", "contacts.$.name", "Ada"),
                update("$set", "contacts.$[].name", "Ada"),
                update("$set", "_id", "c-2"),
                update("$set", "_id.part", "x"),
                update("$set", "figures..offers", 1),
                update("$set", "figures.", 1),
                new Document("$set", new Document("figures", 1).append("figures.offers", 2)),
                new Document("$set", new Document("figures.offers", 1)).append("$unset", new Document("figures", "")),
                update("$set", "figures", new Document("$where", 1)),
                update("$set", "contacts.5", new Document()),
                update("$set", "contacts.name", "Ada"),
                update("$set", "figures.offers.count", 1),
                update("$unset", "figures.offers.count", ""),
                update("$unset", "contacts.name", ""),
                update("$unset", "contacts.2", ""),
                update("$set", "contacts.01.name", "Ada"),
                update("$max", "figures.offers", 2.5),
                update("$max", "figures.offers", "2"),
                update("$max", "figures.offers", Double.NaN),
                update("$max", "contacts.0", 1),
                update("$max", "contacts.0.name", 1),
                new Document("_id", "c-2").append("contacts", List.of()),
                new Document("contacts", List.of()).append("$set", new Document("a", 1)),
                new Document("a.b", 1),
                new Document());

        for (Document update : updates) {
            assertThat(SharingUpdate.apply(stored, update)).as("%s", update).isEmpty();
        }
        assertThat(SharingUpdate.apply(new Document("noId", 1), update("$set", "a", 1))).isEmpty();
    }

    private static Document stored() {
        return new Document("_id", "c-1")
                .append("contacts", new ArrayList<>(Arrays.asList(
                        new Document("name", "Sam").append("role", "hiring manager"),
                        new Document("name", "Kim").append("role", "recruiter"))))
                .append("figures", new Document("offers", 1));
    }

    private static Document update(String operator, String path, Object value) {
        return new Document(operator, new Document(path, value));
    }

    private static Map<?, ?> contact(Document document, int index) {
        return (Map<?, ?>) ((List<?>) document.get("contacts")).get(index);
    }
}
