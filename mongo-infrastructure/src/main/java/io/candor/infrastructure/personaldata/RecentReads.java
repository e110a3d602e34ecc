package io.candor.infrastructure.personaldata;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The events read lately, by their stored text. Each view's processor reads every event it handles, and in a replay
 * each reads it from a stream of its own, so without this the same text is parsed once per view.
 * <p>
 * Bounded by the characters of the texts it holds, in two generations: when the newer one holds
 * {@code charsPerGeneration}, it becomes the older one and the older one is dropped. A text found in the older one is
 * moved to the newer one. Lookups and additions take no lock; a change of generation takes one, briefly.
 */
final class RecentReads {

    /**
     * What a stored text read as; {@code candidate} is the one whose key was looked up to read it (null if none was),
     * and {@code withKey} whether they had one then.
     */
    record Read(Object value, String candidate, boolean withKey) {
    }

    /** A stored text of a type and revision. */
    record Key(String type, String revision, String text) {
    }

    private final long charsPerGeneration;
    private volatile Generation newer = new Generation();
    private volatile Generation older = new Generation();

    private static final class Generation {
        final Map<Key, Read> reads = new ConcurrentHashMap<>();
        final AtomicLong chars = new AtomicLong();
    }

    RecentReads(long charsPerGeneration) {
        if (charsPerGeneration < 1) {
            throw new IllegalArgumentException("at least one character per generation, not " + charsPerGeneration);
        }
        this.charsPerGeneration = charsPerGeneration;
    }

    Read get(Key key) {
        Read read = newer.reads.get(key);
        if (read == null) {
            read = older.reads.get(key);
            if (read != null) {
                put(key, read);
            }
        }
        return read;
    }

    void put(Key key, Read read) {
        Generation current = newer;
        if (current.reads.put(key, read) == null
                && current.chars.addAndGet(key.text().length()) >= charsPerGeneration) {
            synchronized (this) {
                if (newer == current) {
                    older = current;
                    newer = new Generation();
                }
            }
        }
    }

    /** The characters of the texts held, both generations. */
    long chars() {
        return newer.chars.get() + older.chars.get();
    }

    int size() {
        return newer.reads.size() + older.reads.size();
    }
}
