package io.candor.query.support;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewDocumentsTest {

    /** A view with the kinds of values the views hold. */
    static class Sample {
        public String name;
        public Instant at;
        public BigDecimal salary;
        public BigDecimal ratio;
        public long big;
        public List<Inner> inner = new ArrayList<>();
    }

    static class Inner {
        public int count;
    }

    private static Sample sample() {
        Sample sample = new Sample();
        sample.name = "Acme";
        sample.at = Instant.parse("2026-11-23T10:15:30Z");
        sample.salary = new BigDecimal("80000");
        sample.ratio = new BigDecimal("0.75");
        sample.big = 5_000_000_000L;
        Inner inner = new Inner();
        inner.count = 3;
        sample.inner.add(inner);
        return sample;
    }

    @Test
    void aView_isStoredAsJsonLikeValues_andReadBackEqual() {
        Sample sample = sample();

        Document document = ViewDocuments.toDocument(sample);

        assertThat(document.get("at")).isEqualTo("2026-11-23T10:15:30Z");
        assertThat(document.get("salary")).isEqualTo(80000);
        assertThat(document.get("ratio")).isEqualTo(0.75);
        assertThat(document.get("big")).isEqualTo(5_000_000_000L);
        assertThat(document.getList("inner", Document.class).get(0)).containsEntry("count", 3);
        Sample read = ViewDocuments.fromDocument(document.append("_id", "ignored"), Sample.class);
        assertThat(read).usingRecursiveComparison().isEqualTo(sample);
    }

    /** Nulls stay as keys; a value the views never hold (binary, an embedded object to Jackson) still maps. */
    @Test
    void nullsAndBinaries_mapAsJacksonsMapWouldHaveThem() {
        Sample sample = new Sample();
        Document document = ViewDocuments.toDocument(sample);
        assertThat(document).containsEntry("name", null).containsEntry("at", null).containsKey("inner");

        Document withBinary = ViewDocuments.toDocument(new Binary(new byte[]{1, 2, 3}, "x"));
        assertThat((byte[]) withBinary.get("bytes")).containsExactly(1, 2, 3);
        assertThat(withBinary).containsEntry("text", "x");
    }

    record Binary(byte[] bytes, String text) {
    }

    /** What the firm analytics and the views' batches read: the bytes the store sent, with no Document between. */
    @Test
    void aView_readFromTheStoresBytes_isTheViewThatWasStored() {
        Sample sample = sample();
        MongoCollection<Document> views = TestMongo.freshDatabase().getCollection("views");
        views.insertOne(ViewDocuments.toDocument(sample).append("_id", "a"));

        RawBsonDocument stored = views.withDocumentClass(RawBsonDocument.class).find().first();

        assertThat(ViewDocuments.fromBson(stored, Sample.class)).usingRecursiveComparison().isEqualTo(sample);
    }

    static class Loose {
        public Instant when;
        public Object id;
        public Object amount;
        public Map<String, Object> inner;
        public List<Object> list;
        public Double ratio;
        public boolean flag;
    }

    /** Values the views never write (a date, an object id, a decimal) still read as a decoded document reads them. */
    @Test
    void anyStoredValue_readsFromBytesAsFromTheDecodedDocument() {
        Document document = new Document("_id", "b")
                .append("when", Date.from(Instant.parse("2026-11-23T10:15:30Z")))
                .append("id", new ObjectId("6560a1b2c3d4e5f601234567"))
                .append("amount", new Decimal128(new BigDecimal("12.50")))
                .append("inner", new Document("n", 1).append("big", 5_000_000_000L).append("none", null))
                .append("list", List.of("x", 2.5, true, new Document("deep", List.of(1, 2))))
                .append("ratio", 3)
                .append("flag", true)
                .append("unknown", new Document("ignored", 1));
        MongoCollection<Document> views = TestMongo.freshDatabase().getCollection("views");
        views.insertOne(document);

        Loose fromBytes = ViewDocuments.fromBson(views.withDocumentClass(RawBsonDocument.class).find().first(), Loose.class);
        Loose fromDocument = ViewDocuments.fromDocument(views.find().first(), Loose.class);

        assertThat(fromBytes).usingRecursiveComparison().isEqualTo(fromDocument);
        assertThat(fromBytes.when).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        assertThat(fromBytes.inner).containsEntry("n", 1).containsEntry("big", 5_000_000_000L).containsEntry("none", null);
        assertThat(fromBytes.ratio).isEqualTo(3.0);
        assertThat(fromBytes.list).hasSize(4).startsWith("x", 2.5, true);
    }

    static class Wide {
        public long count;
        public Object big;
        public Instant when;
        public Object decimal;
        public Object bytes;
        public Object uuid;
        public Map<String, Object> nested;
        public List<Instant> instants;
    }

    /** Every kind of value reads as Jackson's own conversion of the document read it before. */
    @Test
    void aDocument_readsAsJacksonsConversionWouldHaveReadIt() {
        Document document = new Document("count", 7)
                .append("big", 5_000_000_000L)
                .append("when", Date.from(Instant.parse("2026-11-23T10:15:30Z")))
                .append("decimal", new Decimal128(new BigDecimal("12.50")))
                .append("bytes", new org.bson.types.Binary(new byte[]{1, 2, 3}))
                .append("uuid", new org.bson.types.Binary(org.bson.BsonBinarySubType.UUID_STANDARD, new byte[16]))
                .append("nested", new Document("n", 1.5).append("none", null).append("list", List.of(1, "a")))
                .append("instants", List.of("2026-11-23T10:15:30Z", "2026-11-23T10:15:30.5Z"));
        MongoCollection<Document> views = TestMongo.freshDatabase().getCollection("views");
        views.insertOne(document);
        Document stored = views.find().first();

        Wide expected = ViewDocuments.mapper().convertValue(stored, Wide.class);

        assertThat(ViewDocuments.fromDocument(stored, Wide.class)).usingRecursiveComparison().isEqualTo(expected);
        assertThat(ViewDocuments.fromBson(views.withDocumentClass(RawBsonDocument.class).find().first(), Wide.class))
                .usingRecursiveComparison().isEqualTo(expected);
        assertThat(expected.count).isEqualTo(7);
        assertThat(expected.when).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
    }

    /** A document that is not the view's shape is a clear failure naming the view, not a half-read view. */
    @Test
    void aDocumentOfTheWrongShape_failsNamingTheView() {
        Document document = new Document("inner", "not a list");
        MongoCollection<Document> views = TestMongo.freshDatabase().getCollection("views");
        views.insertOne(document);
        RawBsonDocument stored = views.withDocumentClass(RawBsonDocument.class).find().first();

        assertThatThrownBy(() -> ViewDocuments.fromBson(stored, Sample.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Sample");
        assertThatThrownBy(() -> ViewDocuments.fromDocument(document, Sample.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Sample");
    }
}
