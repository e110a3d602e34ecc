package io.candor.infrastructure;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants as ISO-8601 text, read and written without {@link java.time.format.DateTimeFormatter} for the one form
 * Candor writes ({@code 2024-05-01T10:15:30Z}, with 3, 6 or 9 digits of fraction when it has one), the very text
 * and the very instant {@code JavaTimeModule} gives; anything else (another offset, a number, a year beyond 9999,
 * a {@code @JsonFormat}) is left to {@code JavaTimeModule}'s own serializer and deserializer.
 * <p>
 * Why: a replay reads every event and every view document it touches, and they are full of instants. Measured
 * in a flight recording of a replay, parsing them with the formatter took 15% of the view processors' CPU.
 * Register this module after {@code JavaTimeModule}: the module registered last wins.
 */
public final class IsoInstants {

    private static final int CANONICAL_LENGTH = "2024-05-01T10:15:30Z".length();

    private IsoInstants() {
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("CandorIsoInstants");
        module.addSerializer(Instant.class, new FastSerializer(InstantSerializer.INSTANCE));
        module.addDeserializer(Instant.class, new FastDeserializer(InstantDeserializer.INSTANT));
        return module;
    }

    /** The instant written in ISO-8601 at UTC exactly as {@link Instant#toString()} writes it. */
    public static String format(Instant instant) {
        char[] text = formatted(instant);
        return text == null ? instant.toString() : new String(text);
    }

    /** The instant of the canonical text, or null when the text is not in the canonical form (or not valid). */
    public static Instant parse(String text) {
        int length = text.length();
        if (length < CANONICAL_LENGTH || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > CANONICAL_LENGTH) {
            int fractionDigits = length - CANONICAL_LENGTH - 1;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(text, 20, fractionDigits);
            if (nanos < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDay) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number written by {@code count} ASCII digits from {@code from}, or -1 if one of them is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The canonical text, or null for a year outside 0000..9999 (which ISO-8601 writes with a sign). */
    private static char[] formatted(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        if (epochDay < -719_528 || epochDay > 2_932_896) { // 0000-01-01 .. 9999-12-31
            return null;
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int nanos = instant.getNano();
        int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] text = new char[CANONICAL_LENGTH + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
        write(text, 0, 4, date.getYear());
        text[4] = '-';
        write(text, 5, 2, date.getMonthValue());
        text[7] = '-';
        write(text, 8, 2, date.getDayOfMonth());
        text[10] = 'T';
        write(text, 11, 2, secondOfDay / 3_600);
        text[13] = ':';
        write(text, 14, 2, secondOfDay / 60 % 60);
        text[16] = ':';
        write(text, 17, 2, secondOfDay % 60);
        if (fractionDigits > 0) {
            text[19] = '.';
            int fraction = fractionDigits == 3 ? nanos / 1_000_000 : fractionDigits == 6 ? nanos / 1_000 : nanos;
            write(text, 20, fractionDigits, fraction);
        }
        text[text.length - 1] = 'Z';
        return text;
    }

    private static void write(char[] text, int from, int count, int value) {
        for (int i = from + count - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static final class FastSerializer extends StdScalarSerializer<Instant> implements ContextualSerializer {

        private final JsonSerializer<Instant> standard;

        FastSerializer(JsonSerializer<Instant> standard) {
            super(Instant.class);
            this.standard = standard;
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            char[] text = provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS) ? null : formatted(value);
            if (text == null) {
                standard.serialize(value, generator, provider);
            } else {
                generator.writeString(text, 0, text.length);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            JsonSerializer<?> contextual = standard instanceof ContextualSerializer contextualStandard
                    ? contextualStandard.createContextual(provider, property) : standard;
            // A property with its own format keeps the standard serializer, configured for it.
            return contextual == standard ? this : contextual;
        }
    }

    private static final class FastDeserializer extends StdScalarDeserializer<Instant>
            implements ContextualDeserializer {

        private final JsonDeserializer<Instant> standard;

        FastDeserializer(JsonDeserializer<Instant> standard) {
            super(Instant.class);
            this.standard = standard;
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = parse(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return standard.deserialize(parser, context);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            JsonDeserializer<?> contextual = standard instanceof ContextualDeserializer contextualStandard
                    ? contextualStandard.createContextual(context, property) : standard;
            return contextual == standard ? this : contextual;
        }
    }
}
