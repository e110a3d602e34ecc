package io.candor.infrastructure.personaldata;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound of the events read lately: two generations of texts, counted in characters. */
class RecentReadsTest {

    private static RecentReads.Key text(int number) {
        return new RecentReads.Key("Event", "1", "%09d".formatted(number)); // 9 characters each
    }

    private static RecentReads.Read value(int number) {
        return new RecentReads.Read(number, null, false);
    }

    @Test
    void neverHoldsMoreThanTwoGenerationsOfCharacters() {
        RecentReads reads = new RecentReads(90); // ten texts a generation

        for (int number = 0; number < 1_000; number++) {
            reads.put(text(number), value(number));
            assertThat(reads.chars()).isLessThanOrEqualTo(2 * 90);
        }

        assertThat(reads.size()).isBetween(10, 20);
        assertThat(reads.get(text(999))).isEqualTo(value(999));
        assertThat(reads.get(text(0))).isNull();
    }

    @Test
    void aTextReadAgain_outlivesItsGeneration() {
        RecentReads reads = new RecentReads(90);
        reads.put(text(0), value(0));
        for (int number = 1; number < 15; number++) { // the first generation is now the older one
            reads.put(text(number), value(number));
        }

        assertThat(reads.get(text(0))).isEqualTo(value(0)); // found in the older one, moved to the newer one
        for (int number = 15; number < 25; number++) { // the older one is dropped
            reads.put(text(number), value(number));
        }

        assertThat(reads.get(text(0))).isEqualTo(value(0));
        assertThat(reads.get(text(1))).isNull();
    }

    @Test
    void theSameTextOfAnotherTypeOrRevision_isAnotherEntry() {
        RecentReads reads = new RecentReads(1_000);
        reads.put(new RecentReads.Key("Event", "1", "{}"), value(1));

        assertThat(reads.get(new RecentReads.Key("Other", "1", "{}"))).isNull();
        assertThat(reads.get(new RecentReads.Key("Event", "2", "{}"))).isNull();
        assertThat(reads.get(new RecentReads.Key("Event", "1", "{}"))).isEqualTo(value(1));
    }
}
