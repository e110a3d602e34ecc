package io.candor.query.support;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.MongoClientSettings;
import io.candor.infrastructure.IsoInstants;
import org.bson.BsonBinaryReader;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonTypeClassMap;
import org.bson.codecs.BsonTypeCodecMap;
import org.bson.codecs.DecoderContext;
import org.bson.io.ByteBufferBsonInput;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The small mapping between view classes and MongoDB documents: through JSON, instants as ISO strings.
 * Bookkeeping fields a projection adds to a document ({@code _id}, positions) are ignored when reading back.
 */
public final class ViewDocuments {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(IsoInstants.module())
            .addModule(DocumentParts.module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .build();

    /**
     * Documents per reply for a read of many view documents (a firm's, every candidate's list): the embedded server
     * answers a {@code getMore} without a batch size with everything left in one reply, which the driver refuses
     * beyond 48 MB (MongoDB itself sends at most 16 MB at once).
     */
    public static final int MANY_PER_REPLY = 100;

    /**
     * How a {@link Document} decodes a value of each BSON type, for the values the views never write: the driver's
     * default codecs, which every client of Candor's uses (no custom codec, UUIDs left as binaries).
     */
    private static final BsonTypeCodecMap DOCUMENT_VALUES =
            new BsonTypeCodecMap(new BsonTypeClassMap(), MongoClientSettings.getDefaultCodecRegistry());
    private static final DecoderContext DECODING = DecoderContext.builder().build();

    private ViewDocuments() {
    }

    /**
     * The view as a document of JSON-like values (strings, numbers, booleans, lists, documents), built from
     * Jackson's tokens rather than through JSON text or a map of Jackson's own: the same shape, a fraction of the
     * cost, which counts when a replay maps every view document it touches.
     */
    public static Document toDocument(Object view) {
        try (TokenBuffer tokens = new TokenBuffer(MAPPER, false)) {
            MAPPER.writeValue(tokens, view);
            try (JsonParser parser = tokens.asParser(MAPPER)) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    Object document = valueAt(parser);
                    if (document != null) {
                        return (Document) document;
                    }
                }
            }
            return DocumentParts.without(() -> (Document) plain(MAPPER.convertValue(view, Map.class)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot map " + view.getClass().getSimpleName() + " to a document", e);
        }
    }

    /**
     * The view as {@link #toDocument(Object)} maps it, reusing the documents of the value records that
     * {@code previous} (the parts of the last mapping of the same view object, null for none) made of them: see
     * {@link DocumentParts}. A view whose history is mostly such records is mapped, and compared with what was
     * written, in a fraction of the time.
     */
    static DocumentParts.Mapped toDocument(Object view, DocumentParts previous) {
        return DocumentParts.reusing(previous, () -> toDocument(view));
    }

    /**
     * The value whose first token {@code parser} is on, built straight from the tokens (no map of Jackson's own to
     * copy into a document after): the same values {@link #plain} gives; a part {@link DocumentParts} wrote as one
     * token, as the document it is. Null for a token the views never write (another embedded object), which sends
     * the whole view through Jackson's map instead.
     */
    static Object valueAt(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Document document = new Document();
                for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                    parser.nextToken();
                    Object value = valueAt(parser);
                    if (value == null && parser.currentToken() != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    document.put(field, value);
                }
                return document;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    Object value = valueAt(parser);
                    if (value == null && parser.currentToken() != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    list.add(value);
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return plain(parser.getNumberValue());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_EMBEDDED_OBJECT -> {
                return parser.getEmbeddedObject() instanceof Document part ? part : null;
            }
            default -> {
                return null; // VALUE_NULL is null, as it should be; anything else is not a view's
            }
        }
    }

    /**
     * The view of this type held in a document read from the store. The document's values are written into Jackson's
     * tokens as they are, not serialised as a map (which looks a serializer up for every value): the same view as
     * {@code convertValue} gives, in a fraction of the time.
     */
    public static <T> T fromDocument(Document document, Class<T> type) {
        return read(type, tokens -> writeValue(document, tokens));
    }

    /** The mapper the views are written and read with (for tests that compare with Jackson's own conversion). */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The view of this type held in a document as the store sent it, read straight from its bytes: no
     * {@link Document} in between. What the views write (documents, arrays, strings, numbers, booleans, nulls) maps
     * as {@link #fromDocument} maps it; any other value as the driver would decode it into a document.
     */
    public static <T> T fromBson(RawBsonDocument document, Class<T> type) {
        return read(type, tokens -> {
            // over the bytes themselves: the driver's asBsonReader() decodes the whole document first
            try (BsonReader reader = new BsonBinaryReader(new ByteBufferBsonInput(document.getByteBuffer()))) {
                writeDocument(reader, tokens);
            }
        });
    }

    private interface TokenSource {
        void writeTo(TokenBuffer tokens) throws IOException;
    }

    private static <T> T read(Class<T> type, TokenSource source) {
        try (TokenBuffer tokens = new TokenBuffer(MAPPER, false)) {
            source.writeTo(tokens);
            try (JsonParser parser = tokens.asParser(MAPPER)) {
                return MAPPER.readValue(parser, type);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read a " + type.getSimpleName() + " from its document", e);
        }
    }

    private static void writeValue(Object value, TokenBuffer tokens) throws IOException {
        if (value == null) {
            tokens.writeNull();
        } else if (value instanceof String text) {
            tokens.writeString(text);
        } else if (value instanceof Integer number) {
            tokens.writeNumber(number);
        } else if (value instanceof Long number) {
            tokens.writeNumber(number);
        } else if (value instanceof Double number) {
            tokens.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            tokens.writeBoolean(flag);
        } else if (value instanceof Map<?, ?> map) {
            tokens.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                tokens.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(entry.getValue(), tokens);
            }
            tokens.writeEndObject();
        } else if (value instanceof List<?> list) {
            tokens.writeStartArray();
            for (Object element : list) {
                writeValue(element, tokens);
            }
            tokens.writeEndArray();
        } else {
            tokens.writeObject(value); // serialised by the mapper, as convertValue would have
        }
    }

    private static void writeDocument(BsonReader reader, TokenBuffer tokens) throws IOException {
        reader.readStartDocument();
        tokens.writeStartObject();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            tokens.writeFieldName(reader.readName());
            writeBsonValue(reader, tokens);
        }
        reader.readEndDocument();
        tokens.writeEndObject();
    }

    private static void writeBsonValue(BsonReader reader, TokenBuffer tokens) throws IOException {
        switch (reader.getCurrentBsonType()) {
            case DOCUMENT -> writeDocument(reader, tokens);
            case ARRAY -> {
                reader.readStartArray();
                tokens.writeStartArray();
                while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                    writeBsonValue(reader, tokens);
                }
                reader.readEndArray();
                tokens.writeEndArray();
            }
            case STRING -> tokens.writeString(reader.readString());
            case INT32 -> tokens.writeNumber(reader.readInt32());
            case INT64 -> tokens.writeNumber(reader.readInt64());
            case DOUBLE -> tokens.writeNumber(reader.readDouble());
            case BOOLEAN -> tokens.writeBoolean(reader.readBoolean());
            case NULL -> {
                reader.readNull();
                tokens.writeNull();
            }
            default -> writeValue(DOCUMENT_VALUES.get(reader.getCurrentBsonType()).decode(reader, DECODING), tokens);
        }
    }

    /** Maps become documents; numbers become what JSON text would have given: int, long or double. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Document document = new Document();
            map.forEach((key, inner) -> document.put(String.valueOf(key), plain(inner)));
            return document;
        }
        if (value instanceof List<?> list) {
            List<Object> plainList = new ArrayList<>(list.size());
            list.forEach(inner -> plainList.add(plain(inner)));
            return plainList;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.scale() <= 0 ? plain(decimal.toBigInteger()) : decimal.doubleValue();
        }
        if (value instanceof BigInteger integer) {
            return integer.bitLength() < 32 ? (Object) integer.intValue() : (Object) integer.longValue();
        }
        return value;
    }
}
