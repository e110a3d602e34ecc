package io.candor.query.support;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import org.bson.BsonSerializationException;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.BsonWriter;
import org.bson.BsonReader;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.UuidRepresentation;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentBytesTest {

    private static final CodecRegistry REGISTRY = MongoClientSettings.getDefaultCodecRegistry();
    private static final Codec<Document> DRIVER = REGISTRY.get(Document.class);

    @Test
    void everyValueTheViewsWrite_isTheDriversBytes() {
        Map<String, Object> plainMap = new LinkedHashMap<>();
        plainMap.put("inner", List.of(1, "two"));
        Document document = new Document("_v", "5f1d")
                .append("text", "plain").append("empty", "").append("none", null)
                .append("int", 42).append("negative", -7).append("long", 1L << 40).append("minLong", Long.MIN_VALUE)
                .append("double", 2.5).append("nan", Double.NaN).append("negativeZero", -0.0)
                .append("yes", true).append("no", false)
                .append("nested", new Document("a", new Document("b", List.of()))).append("emptyDocument", new Document())
                .append("list", List.of(new Document("k", 1), List.of("x", 2L), "s", 3.0, true))
                .append("nulls", java.util.Arrays.asList(null, "after a null"))
                .append("map", plainMap)
                .append("_id", "the id, last, as the views put it");

        assertSameBytes(document);
    }

    @Test
    void textInAnyScript_isTheDriversUtf8() {
        String lone = "high \uD83D alone, low \uDE00 alone, and a pair \uD83D\uDE00";
        assertSameBytes(new Document("ascii", "Ada Lovelace").append("latin", "Zoë, Ærø, façade")
                .append("cjk", "面接の質問").append("emoji", "😀 offer 🎉").append("surrogates", lone)
                .append("nul inside a value", "a\u0000b").append("Zoë as a name", 1).append("面接", 2)
                .append("emoji 😀 name", 3).append(lone, 4));
    }

    @Test
    void longListsAndLargeDocuments_areTheDriversBytes() {
        List<Object> long1500 = IntStream.range(0, 1500).mapToObj(i -> (Object) new Document("i", i)).toList();
        StringBuilder big = new StringBuilder();
        Random random = new Random(7);
        while (big.length() < 300_000) {
            big.append((char) (32 + random.nextInt(0x3000)));
        }
        assertSameBytes(new Document("entries", long1500).append("big", big.toString()));
    }

    @Test
    void aViewMappedAsTheViewsMapIt_isTheDriversBytes() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("candidateId", "c-1");
        view.put("at", java.time.Instant.parse("2026-11-24T10:15:30.123Z"));
        view.put("counts", Map.of("offers", 2));
        view.put("scores", List.of(1.5, 2, 3_000_000_000L));
        assertSameBytes(ViewDocuments.toDocument(view));
    }

    @Test
    void aValueItDoesNotWrite_goesThroughTheDriver() {
        Document document = new Document("id", new ObjectId("5f1d0c0c0c0c0c0c0c0c0c0c")).append("date", new Date(0))
                .append("float", 1.5f).append("set", Set.of("only")).append("text", "after them");

        assertSameBytes(document);
        assertSameBytes(new Document("deep", List.of(new Document("date", new Date(5)))));
    }

    @Test
    void aNameTheDriverRefuses_isRefusedAsTheDriverRefusesIt() {
        Document document = new Document("a\u0000b", 1);

        assertThatThrownBy(() -> new RawBsonDocument(document, DRIVER)).isInstanceOf(BsonSerializationException.class);
        assertThatThrownBy(() -> DocumentBytes.of(document, REGISTRY)).isInstanceOf(BsonSerializationException.class);
    }

    @Test
    void theServerStoresWhatTheBytesSay_wholeAndAsAnUpdate() {
        MongoCollection<RawBsonDocument> views = TestMongo.freshDatabase().getCollection("views", RawBsonDocument.class);
        Document whole = new Document("_id", "c").append("name", "Zoë").append("list", List.of(new Document("k", 1)));
        Document update = new Document("$set", new Document("list.1", new Document("k", 2)).append("count", 3L))
                .append("$unset", new Document("name", ""));

        views.bulkWrite(List.of(
                new ReplaceOneModel<>(Filters.eq("_id", "c"), DocumentBytes.of(whole, REGISTRY), new ReplaceOptions().upsert(true)),
                new UpdateOneModel<>(Filters.eq("_id", "c"), DocumentBytes.of(update, REGISTRY))));

        Document stored = views.withDocumentClass(Document.class).find(Filters.eq("_id", "c")).first();
        assertThat(stored).isEqualTo(new Document("_id", "c")
                .append("list", List.of(new Document("k", 1), new Document("k", 2))).append("count", 3L));
    }

    @Test
    void nestingTheDriverRefuses_orADocumentHoldingItself_isRefusedAsTheDriverRefusesIt() {
        Document deep = new Document("leaf", 1);
        for (int i = 0; i < 1023; i++) {
            deep = new Document("d", deep);
        }
        assertSameBytes(deep); // as deep as the driver writes
        Document deeper = new Document("d", deep);
        Object lists = 1;
        for (int i = 0; i < 1100; i++) {
            lists = List.of(lists);
        }
        Document itself = new Document("a", 1);
        itself.put("itself", itself);

        for (Document refused : List.of(deeper, new Document("l", lists), itself)) {
            assertThatThrownBy(() -> new RawBsonDocument(refused, DRIVER)).isInstanceOf(BsonSerializationException.class);
            assertThatThrownBy(() -> DocumentBytes.of(refused, REGISTRY)).isInstanceOf(BsonSerializationException.class);
        }
    }

    @Test
    void aRegistryWithACodecOfItsOwnForAValueItWrites_encodesTheDocument() {
        Codec<Integer> intsAsLongs = new Codec<>() {
            public void encode(BsonWriter writer, Integer value, EncoderContext context) {
                writer.writeInt64(value);
            }

            public Integer decode(BsonReader reader, DecoderContext context) {
                return (int) reader.readInt64();
            }

            public Class<Integer> getEncoderClass() {
                return Integer.class;
            }
        };
        CodecRegistry custom = CodecRegistries.fromRegistries(CodecRegistries.fromCodecs(intsAsLongs), REGISTRY);
        Document document = new Document("n", 1).append("list", List.of(2));

        assertSameBytes(document, custom);
        // the driver's client wraps the registry with its UUID representation: still the default codecs
        assertSameBytes(document, CodecRegistries.withUuidRepresentation(REGISTRY, UuidRepresentation.JAVA_LEGACY));
    }

    private static void assertSameBytes(Document document) {
        assertSameBytes(document, REGISTRY);
    }

    private static void assertSameBytes(Document document, CodecRegistry registry) {
        RawBsonDocument driver = new RawBsonDocument(document, registry.get(Document.class));
        RawBsonDocument ours = DocumentBytes.of(document, registry);
        assertThat(bytesOf(ours)).isEqualTo(bytesOf(driver));
    }

    private static byte[] bytesOf(RawBsonDocument document) {
        ByteBuffer buffer = document.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
