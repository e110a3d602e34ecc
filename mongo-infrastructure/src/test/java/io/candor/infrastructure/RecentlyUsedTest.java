package io.candor.infrastructure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

        assertThat(recent.get(0)).isEqualTo("v0"); // found in the older one, copied to the newer one
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

    @Test
    void aValuePutAgain_winsOverTheOneInTheOlderGeneration() {
        RecentlyUsed<Integer, String> recent = tenAGeneration();
        recent.put(0, "stale");
        for (int key = 1; key < 10; key++) { // fills the first generation: it becomes the older one
            recent.put(key, "v" + key);
        }
        recent.put(0, "fresh"); // in the newer one now

        assertThat(recent.get(0)).isEqualTo("fresh");
    }

    @Test
    void removeIf_forgetsWhatItMatches_inBothGenerations_andTheirWeight() {
        RecentlyUsed<Integer, String> recent = tenAGeneration();
        for (int key = 0; key < 15; key++) {
            recent.put(key, key % 2 == 0 ? "even" : "odd");
        }
        long before = recent.weight();

        recent.removeIf((key, value) -> value.equals("even"));

        assertThat(recent.weight()).isEqualTo(before - 8 * 9); // 0 to 8 in the older generation, 10 to 14 in the newer
        assertThat(recent.get(0)).isNull();
        assertThat(recent.get(14)).isNull();
        assertThat(recent.get(1)).isEqualTo("odd");
        assertThat(recent.get(13)).isEqualTo("odd");
    }

    @Test
    void manyThreadsAtOnce_stayWithinTheBound_andReadWhatWasPut() throws Exception {
        int threads = 8;
        RecentlyUsed<Integer, Integer> recent = new RecentlyUsed<>(100, (key, value) -> 1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger largest = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int first = thread * 20_000;
                done.add(pool.submit(() -> {
                    for (int key = first; key < first + 20_000; key++) {
                        recent.put(key, key);
                        Integer back = recent.get(key - 50); // this thread's, put a moment ago: kept or dropped
                        if (back != null && back != key - 50) {
                            wrong.incrementAndGet();
                        }
                        largest.accumulateAndGet(recent.size(), Math::max);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(wrong.get()).isZero();
        assertThat(largest.get()).as("two generations, and what each thread adds while one changes")
                .isLessThanOrEqualTo(2 * 100 + 2 * threads);
        assertThat(recent.weight()).isEqualTo(recent.size());
    }
}
