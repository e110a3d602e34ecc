package io.candor.query.support;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.bson.Document;

import java.util.Map;

/**
 * The small mapping between view classes and MongoDB documents: through JSON, instants as ISO strings.
 * Bookkeeping fields a projection adds to a document ({@code _id}, positions) are ignored when reading back.
 */
public final class ViewDocuments {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .build();

    private ViewDocuments() {
    }

    public static Document toDocument(Object view) {
        try {
            return Document.parse(MAPPER.writeValueAsString(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot map " + view.getClass().getSimpleName() + " to a document", e);
        }
    }

    public static <T> T fromDocument(Document document, Class<T> type) {
        try {
            return MAPPER.readValue(document.toJson(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a " + type.getSimpleName() + " from its document", e);
        }
    }

    /** An event (or any value) as a plain JSON-like map, for the timeline's details. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value) {
        return MAPPER.convertValue(value, Map.class);
    }
}
