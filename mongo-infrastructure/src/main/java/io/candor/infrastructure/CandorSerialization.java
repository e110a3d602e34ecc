package io.candor.infrastructure;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The one Jackson set-up for messages: instants and durations as ISO-8601 text (instants read and written fast,
 * {@link IsoInstants}), unknown properties ignored
 * so that an older reader survives an added field. Events are stored with it, so it must not change lightly.
 */
public final class CandorSerialization {

    private CandorSerialization() {
    }

    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(IsoInstants.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static JacksonSerializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(objectMapper())
                .lenientDeserialization()
                .build();
    }
}
