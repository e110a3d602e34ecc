package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * What a document of the embedded server takes in the heap, decoded: the figure H2 sizes its page cache by.
 * <p>
 * A decoded document is a {@link java.util.LinkedHashMap} of fresh strings and boxed values, several times its BSON
 * (more for many short fields, less for long strings). The estimate walks the document and adds up the objects a
 * HotSpot JVM with compressed references makes of it: 12 bytes of header per object (16 for an array), 4 per
 * reference, rounded to 8. A string counts one byte a character if all of them fit Latin-1, two otherwise, as the
 * JVM keeps it; a hash table and a list's array count at the capacity they grow to when filled one by one, as the
 * decoder fills them; a small number counts as its own object, though the JVM shares those from -128 to 127 (an
 * overcount, the safe side). An object of a type the wire does not carry counts as {@link #OTHER}. The sizes are
 * those of a heap under 32 GB, where references are compressed: above, objects take a third more than counted.
 */
final class DocumentMemory {

    /** {@code de.bwaldvogel.mongo.bson.Document}: a header and its map's reference. */
    private static final int DOCUMENT = 16;
    /** {@code LinkedHashMap}: header, table, entry set, size, mod count, threshold, load factor, head, tail, order. */
    private static final int LINKED_HASH_MAP = 56;
    /** {@code LinkedHashMap.Entry}: header, hash, key, value, next, before, after. */
    private static final int MAP_ENTRY = 40;
    /** {@code String}: header, value array, hash, coder, hash-is-zero; its array is counted apart. */
    private static final int STRING = 24;
    /** An array's header: object header and length. */
    private static final int ARRAY = 16;
    /** {@code ArrayList}: header, size, mod count, array. */
    private static final int ARRAY_LIST = 24;
    /** An {@code Integer}, or an object of one reference. */
    private static final int BOXED = 16;
    /** A {@code Long}, a {@code Double}, a {@code BsonTimestamp}: header and eight bytes. */
    private static final int BOXED_LONG = 24;
    /** {@code Instant}: header, seconds, nanos. */
    private static final int INSTANT = 24;
    /** {@code UUID}, {@code Decimal128}: header, two longs. */
    private static final int TWO_LONGS = 32;
    /** Anything else. */
    static final int OTHER = 32;
    /** Deeper than this, a value is counted as {@link #OTHER}: BSON nests at most 100 levels. */
    private static final int DEPTH = 128;

    private DocumentMemory() {
    }

    /** The bytes {@code document} takes in the heap, about. */
    static int of(Document document) {
        long bytes = valueOf(document, 0);
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long valueOf(Object value, int depth) {
        if (value == null || value instanceof Boolean) {
            return 0; // a shared instance
        }
        if (depth > DEPTH) {
            return OTHER;
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof Document document) {
            return DOCUMENT + map(document, depth);
        }
        if (value instanceof Map<?, ?> map) {
            return map(map, depth);
        }
        if (value instanceof Collection<?> list) {
            long bytes = ARRAY_LIST + array(4L * listCapacity(list.size()));
            for (Object element : list) {
                bytes += valueOf(element, depth + 1);
            }
            return bytes;
        }
        if (value instanceof Integer) {
            return BOXED;
        }
        if (value instanceof Long || value instanceof Double
                || value instanceof BsonTimestamp) {
            return BOXED_LONG;
        }
        if (value instanceof Instant || value instanceof Date) {
            return INSTANT;
        }
        if (value instanceof ObjectId) {
            return BOXED + array(12);
        }
        if (value instanceof BinData binData) {
            return BOXED + array(binData.getData().length);
        }
        if (value instanceof byte[] bytes) {
            return array(bytes.length);
        }
        if (value instanceof UUID || value instanceof Decimal128) {
            return TWO_LONGS;
        }
        if (value instanceof LegacyUUID) {
            return BOXED + TWO_LONGS;
        }
        return OTHER;
    }

    private static long map(Map<?, ?> map, int depth) {
        long bytes = LINKED_HASH_MAP;
        if (!map.isEmpty()) {
            bytes += array(4L * tableCapacity(map.size()));
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            bytes += MAP_ENTRY + valueOf(entry.getKey(), depth + 1) + valueOf(entry.getValue(), depth + 1);
        }
        return bytes;
    }

    /** The table of a map filled one entry at a time: 16 slots, doubled whenever it is three quarters full. */
    private static long tableCapacity(int size) {
        long capacity = 16;
        while (size > capacity * 3 / 4) {
            capacity *= 2;
        }
        return capacity;
    }

    /** The array of a list filled one element at a time: 10 slots, grown by half whenever full. */
    private static long listCapacity(int size) {
        if (size == 0) {
            return 0;
        }
        long capacity = 10;
        while (capacity < size) {
            capacity += capacity >> 1;
        }
        return capacity;
    }

    /** One byte a character if every one fits Latin-1, as the JVM then keeps it; else two. */
    private static long string(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) > 0xFF) {
                return STRING + array(2L * length);
            }
        }
        return STRING + array(length);
    }

    private static long array(long contentBytes) {
        return align(ARRAY + contentBytes);
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
