package io.candor.infrastructure;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.ToLongBiFunction;

/**
 * What was used lately, bounded by the weight of what it holds, in two generations: when the newer one weighs
 * {@code weightPerGeneration}, it becomes the older one and the older one is dropped. An entry found only in the
 * older one is copied to the newer one, unless the newer one has another value for its key by then. Lookups and
 * additions take no lock; a change of generation takes one, briefly. What is found may be out of date: a caller
 * checks it against what it stands for (a revision, a key still there) and puts a fresh value if it is not.
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
                Generation<K, V> current = newer;
                V meanwhile = current.entries.putIfAbsent(key, value);
                if (meanwhile != null) {
                    return meanwhile; // put there since: the fresher one
                }
                added(current, key, value);
            }
        }
        return value;
    }

    public void put(K key, V value) {
        Generation<K, V> current = newer;
        if (current.entries.put(key, value) == null) {
            added(current, key, value);
        }
    }

    /** Forgets every entry {@code drop} is true of, in both generations. */
    public void removeIf(BiPredicate<? super K, ? super V> drop) {
        for (Generation<K, V> generation : List.of(newer, older)) {
            generation.entries.entrySet().removeIf(entry -> {
                boolean dropped = drop.test(entry.getKey(), entry.getValue());
                if (dropped) {
                    generation.weight.addAndGet(-weigher.applyAsLong(entry.getKey(), entry.getValue()));
                }
                return dropped;
            });
        }
    }

    /** Whether {@code test} is true of any entry kept. */
    public boolean any(BiPredicate<? super K, ? super V> test) {
        for (Generation<K, V> generation : List.of(newer, older)) {
            for (Map.Entry<K, V> entry : generation.entries.entrySet()) {
                if (test.test(entry.getKey(), entry.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void added(Generation<K, V> current, K key, V value) {
        if (current.weight.addAndGet(weigher.applyAsLong(key, value)) >= weightPerGeneration) {
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
