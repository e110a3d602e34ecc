package io.candor.infrastructure;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IsoInstants} must give exactly what {@code JavaTimeModule} gives, text and instant, or errors where it
 * errs: events already stored are read with it.
 */
class IsoInstantsTest {

    private static final Instant YEAR_0 = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant YEAR_9999_END = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final ObjectMapper standard = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ObjectMapper fast = CandorSerialization.objectMapper();

    @Test
    void writesAndReadsEveryInstantAsTheStandardModuleDoes() throws Exception {
        Random random = new Random(20261123);
        List<Instant> instants = new ArrayList<>(List.of(YEAR_0, YEAR_9999_END, Instant.EPOCH,
                Instant.EPOCH.minusNanos(1), YEAR_0.minusNanos(1), YEAR_9999_END.plusNanos(1), Instant.MIN, Instant.MAX,
                Instant.parse("2024-02-29T23:59:59.5Z"), Instant.parse("1900-03-01T00:00:00.000001Z")));
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextInt(10) == 0 ? random.nextLong() % Instant.MAX.getEpochSecond()
                    : YEAR_0.getEpochSecond() + (long) (random.nextDouble()
                            * (YEAR_9999_END.getEpochSecond() - YEAR_0.getEpochSecond()));
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        for (Instant instant : instants) {
            String expected = standard.writeValueAsString(instant);
            assertThat(fast.writeValueAsString(instant)).as("%s", instant).isEqualTo(expected);
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
            assertThat(fast.readValue(expected, Instant.class)).isEqualTo(instant);
            if (!instant.isBefore(YEAR_0) && !instant.isAfter(YEAR_9999_END)) { // the fast path's own range
                assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
            }
        }
    }

    @Test
    void readsEveryOtherTextAsTheStandardModuleDoes() throws Exception {
        List<String> texts = List.of("2024-01-01T10:15:30Z", "2024-01-01T10:15:30.1Z", "2024-01-01T10:15:30.12345Z",
                "2024-01-01T10:15:30.123456789Z", "2024-01-01T10:15:30.1234567890Z", "2024-01-01T10:15:30.Z",
                "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z",
                "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z", "2016-12-31T23:59:60Z", "2024-01-01T10:15:30+01:00",
                "2024-01-01T10:15:30+00:00", "2024-01-01T10:15:30+0000", " 2024-01-01T10:15:30Z ",
                "2024-01-01t10:15:30z", "2024-01-01 10:15:30Z", "+12024-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                "2024-1-01T10:15:30Z", "2024-01-01T10:15:3xZ", "2024-01-01T10:15", "1700000000", "1700000000.5",
                "", "２０２４-01-01T10:15:30Z");
        for (String text : texts) {
            String json = standard.writeValueAsString(text);
            assertThat(outcome(fast, json)).as(text).isEqualTo(outcome(standard, json));
        }
        assertThat(outcome(fast, "1700000000")).isEqualTo(outcome(standard, "1700000000"));
        assertThat(outcome(fast, "null")).isEqualTo(outcome(standard, "null"));
    }

    @Test
    void keepsAPropertysOwnFormat() throws Exception {
        Dated dated = new Dated();
        dated.at = Instant.parse("2024-01-01T10:15:30.5Z");
        assertThat(fast.writeValueAsString(dated)).isEqualTo(standard.writeValueAsString(dated));
        String json = "{\"at\":\"2024-01-01 10:15:30\"}";
        assertThat(fast.readValue(json, Dated.class).at).isEqualTo(standard.readValue(json, Dated.class).at);
    }

    @Test
    void writesNumbersWhenAskedForTimestamps() throws Exception {
        Instant instant = Instant.parse("2024-01-01T10:15:30.5Z");
        assertThat(fast.copy().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(instant))
                .isEqualTo(standard.copy().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .writeValueAsString(instant));
    }

    private static String outcome(ObjectMapper mapper, String json) {
        try {
            return String.valueOf(mapper.readValue(json, Instant.class));
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }

    static class Dated {
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd HH:mm:ss", timezone = "UTC")
        public Instant at;
    }
}
