package io.candor.infrastructure;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongBiFunction;

/**
 * What was used lately, bounded by the weight of what it holds, in two generations: when the newer one weighs
 * {@code weightPerGeneration}, it becomes the older one and the older one is dropped. An entry found in the older one
 * is moved to the newer one. Lookups and additions take no lock; a change of generation takes one, briefly. Meant for
 * values that never change once made: a key always stands for the same value.
 */
public final class RecentlyUsed<K, V> {

    private final long weightPerGeneration;
    private final ToLongBiFunction<? super K, ? super V> weigher;
    private volatile Generation<K, V> newer = new Generation<>();
    private volatile Generation<K, V> older = new Generation<>();

    private static final class Generation<K, V> {
        final Map<K, V> entries = new ConcurrentHashMap<>();
        final AtomicLong weight = new AtomicLong();
    }

    public RecentlyUsed(long weightPerGeneration, ToLongBiFunction<? super K, ? super V> weigher) {
        if (weightPerGeneration < 1) {
            throw new IllegalArgumentException("A generation must weigh at least 1, not " + weightPerGeneration);
        }
        this.weightPerGeneration = weightPerGeneration;
        this.weigher = Objects.requireNonNull(weigher);
    }

    /** The value kept for {@code key}, or null. */
    public V get(K key) {
        V value = newer.entries.get(key);
        if (value == null) {
            value = older.entries.get(key);
            if (value != null) {
                put(key, value);
            }
        }
        return value;
    }

    public void put(K key, V value) {
        Generation<K, V> current = newer;
        if (current.entries.put(key, value) == null
                && current.weight.addAndGet(weigher.applyAsLong(key, value)) >= weightPerGeneration) {
            synchronized (this) {
                if (newer == current) {
                    older = current;
                    newer = new Generation<>();
                }
            }
        }
    }

    /** The weight of what is kept, both generations. */
    public long weight() {
        return newer.weight.get() + older.weight.get();
    }

    /** How many entries are kept, both generations. */
    public int size() {
        return newer.entries.size() + older.entries.size();
    }
}
