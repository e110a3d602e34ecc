package io.candor.infrastructure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound of what was used lately: two generations, by weight. */
class RecentlyUsedTest {

    /** Each entry weighs 9, so a generation of 90 holds ten. */
    private static RecentlyUsed<Integer, String> tenAGeneration() {
        return new RecentlyUsed<>(90, (key, value) -> 9);
    }

    @Test
    void neverHoldsMoreThanTwoGenerations() {
        RecentlyUsed<Integer, String> recent = tenAGeneration();

        for (int key = 0; key < 1_000; key++) {
            recent.put(key, "v" + key);
            assertThat(recent.weight()).isLessThanOrEqualTo(2 * 90);
        }

        assertThat(recent.size()).isBetween(10, 20);
        assertThat(recent.get(999)).isEqualTo("v999");
        assertThat(recent.get(0)).isNull();
    }

    @Test
    void anEntryUsedAgain_outlivesItsGeneration() {
        RecentlyUsed<Integer, String> recent = tenAGeneration();
        recent.put(0, "v0");
        for (int key = 1; key < 15; key++) { // the first generation is now the older one
            recent.put(key, "v" + key);
        }

        assertThat(recent.get(0)).isEqualTo("v0"); // found in the older one, moved to the newer one
        for (int key = 15; key < 25; key++) { // the older one is dropped
            recent.put(key, "v" + key);
        }

        assertThat(recent.get(0)).isEqualTo("v0");
        assertThat(recent.get(1)).isNull();
    }

    @Test
    void theWeigher_setsTheBound() {
        RecentlyUsed<String, String> recent = new RecentlyUsed<>(100, (key, value) -> value.length());
        recent.put("small", "x");
        recent.put("large", "y".repeat(100)); // fills the generation at once

        recent.put("next", "z".repeat(100)); // and again: the first generation is dropped

        assertThat(recent.get("small")).isNull();
        assertThat(recent.get("large")).isNull();
        assertThat(recent.get("next")).isNotNull();
    }
}
