package io.candor.query.support;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class CandidateMembersTest {

    private final MongoCollection<Document> lists = TestMongo.freshDatabase().getCollection("members");
    private final CandidateMembers members = new CandidateMembers(lists);

    /** The directory's opportunity counts: the server counts each stored list. */
    @Test
    void counts_areTheLengthOfEachCandidatesList() {
        lists.insertMany(List.of(
                new Document("_id", "ann").append("ids", List.of("o1", "o2", "o3")),
                new Document("_id", "bob").append("ids", List.of("o4")),
                new Document("_id", "cleo").append("ids", List.of()),
                new Document("_id", "dana")));

        assertThat(members.counts()).containsOnly(entry("ann", 3), entry("bob", 1), entry("cleo", 0), entry("dana", 0));
        assertThat(members.counts(List.of("ann", "cleo", "nobody"))).containsOnly(entry("ann", 3), entry("cleo", 0));
        assertThat(members.of("ann")).containsExactly("o1", "o2", "o3");
    }
}
