package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index key type of the embedded server must order keys exactly as H2 does by serialising them, or the
 * B-trees of every existing file would be searched in the wrong order. Checked against H2's own comparison on
 * many random keys of every form the fast path takes, and on a file written with H2's default key type. Its
 * compact stored form must give back every key as it was, across a restart, beside keys of the older form.
 */
class SerializedOrderKeyTypeTest {

    private static final int PAIRS = 100_000;

    private final Random random = new Random(20261123L);
    private final SerializedOrderKeyType fast = new SerializedOrderKeyType();

    @Test
    void ordersEveryKeyAsItsSerialisedBytes() {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            values.add(randomValue());
        }
        values.addAll(List.of("", "\u0000", "\u007f", "\u0080", "\u07ff", "\u0800", "\uffff", "\ud83d\ude00",
                "a".repeat(0xFFFF), "a".repeat(0x10000), "é".repeat(0x8000), 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE,
                0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, true));
        for (int i = 0; i < PAIRS; i++) {
            KeyValue a = new KeyValue(values.get(random.nextInt(values.size())));
            KeyValue b = random.nextInt(10) == 0 ? new KeyValue(a.get(0)) : new KeyValue(values.get(random.nextInt(values.size())));
            assertThat(fast.compare(a, b)).as("%s against %s", a, b).isEqualTo(bySerialisedBytes(a, b));
        }
        KeyValue compound = new KeyValue("candidate-1", 3L);
        KeyValue other = new KeyValue("candidate-1", 4L);
        assertThat(fast.compare(compound, other)).isEqualTo(bySerialisedBytes(compound, other));
    }

    @Test
    void findsEveryKeyOfAFileWrittenWithH2sDefaultKeyType(@TempDir Path directory) {
        String file = directory.resolve("index.mv").toString();
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            keys.add(new KeyValue(randomValue()));
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<KeyValue, Object> written = store.openMap("index");
            keys.forEach(key -> written.put(key, key.toString()));
            store.commit();
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<KeyValue, Object> read = store.openMap("index",
                    new MVMap.Builder<KeyValue, Object>().keyType(new SerializedOrderKeyType()));
            for (KeyValue key : keys) {
                assertThat(read.get(key)).as("%s", key).isEqualTo(key.toString());
            }
        }
    }

    @Test
    void readsBackEveryKeyItWroteInTheCompactFormAfterARestart(@TempDir Path directory) {
        String file = directory.resolve("index.mv").toString();
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            keys.add(i % 10 == 0 ? new KeyValue(List.of(randomValue(), randomValue())) : new KeyValue(randomValue()));
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<KeyValue, Object> written = openCompact(store);
            keys.forEach(key -> written.put(key, key.toString()));
            store.commit();
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<KeyValue, Object> read = openCompact(store);
            assertThat(read.sizeAsLong()).isEqualTo(keys.stream().distinct().count());
            for (KeyValue key : keys) {
                assertThat(read.get(key)).as("%s", key).isEqualTo(key.toString());
            }
            List<KeyValue> inOrder = new ArrayList<>(read.keySet());
            for (int i = 1; i < inOrder.size(); i++) {
                assertThat(bySerialisedBytes(inOrder.get(i - 1), inOrder.get(i))).isNegative();
            }
        }
    }

    @Test
    void writesAKeyOfOneStringNumberOrBooleanCompactlyAndAnyOtherAsH2Does() {
        for (Object value : List.of("candidate-7", 3L, 2, 1.5, true)) {
            KeyValue compact = new KeyValue(value);
            ByteBuffer written = written(compact);
            assertThat(written.get(0)).isEqualTo(SerializedOrderKeyType.COMPACT_TAG);
            assertThat(written.remaining()).isLessThan(16);
            Object readBack = fast.read(written);
            assertThat(readBack).isEqualTo(compact);
            assertThat(((KeyValue) readBack).get(0)).isInstanceOf(value.getClass());
            assertThat(fast.getMemory(compact)).isLessThan(200);
        }
        String shared = "shared";
        for (KeyValue other : List.of(new KeyValue(new ObjectId()), new KeyValue(List.of(shared, shared)),
                new KeyValue(List.of("candidate-7", 3L)))) {
            ByteBuffer written = written(other);
            assertThat(written.get(0)).isNotEqualTo(SerializedOrderKeyType.COMPACT_TAG);
            assertThat(fast.read(written)).isEqualTo(other);
        }
    }

    private ByteBuffer written(KeyValue key) {
        WriteBuffer buffer = new WriteBuffer();
        fast.write(buffer, key);
        return buffer.getBuffer().flip();
    }

    @Test
    void keepsReadingAFileOfTheOlderFormOncePagesOfItAreWrittenCompactly(@TempDir Path directory) {
        String file = directory.resolve("index.mv").toString();
        Map<KeyValue, Object> expected = new HashMap<>();
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            keys.add(new KeyValue(randomValue()));
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<KeyValue, Object> olderForm = store.openMap("index"); // H2Database's own: Java serialisation
            keys.forEach(key -> olderForm.put(key, "before"));
            keys.forEach(key -> expected.put(key, "before"));
            store.commit();
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<KeyValue, Object> map = openCompact(store);
            for (int i = 0; i < keys.size(); i += 7) { // some pages now hold both forms, others only the older
                map.put(keys.get(i), "after");
                expected.put(keys.get(i), "after");
            }
            map.put(new KeyValue("a key the older file never had"), "new");
            expected.put(new KeyValue("a key the older file never had"), "new");
            store.commit();
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<KeyValue, Object> map = openCompact(store);
            assertThat(map.sizeAsLong()).isEqualTo(expected.size());
            expected.forEach((key, value) -> assertThat(map.get(key)).as("%s", key).isEqualTo(value));
        }
    }

    private MVMap<KeyValue, Object> openCompact(MVStore store) {
        return store.openMap("index", new MVMap.Builder<KeyValue, Object>().keyType(new SerializedOrderKeyType()));
    }

    private static int bySerialisedBytes(KeyValue a, KeyValue b) {
        if (a.equals(b)) {
            return 0;
        }
        return Integer.signum(ObjectDataType.compareNotNull(ObjectDataType.serialize(a), ObjectDataType.serialize(b)));
    }

    private Object randomValue() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> randomString();
            case 2 -> random.nextBoolean() ? random.nextLong() : (long) random.nextInt(1_000_000);
            case 3 -> random.nextBoolean() ? random.nextInt() : random.nextInt(1_000);
            case 4 -> random.nextBoolean() ? random.nextDouble() * 1e6 - 5e5 : (double) random.nextInt(100);
            default -> "candidate-" + random.nextInt(50) + ":" + random.nextInt(200); // stream keys, view ids
        };
    }

    private String randomString() {
        int length = random.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(switch (random.nextInt(8)) {
                case 0 -> (char) 0;
                case 1 -> (char) (0x80 + random.nextInt(0x780));
                case 2 -> (char) (0x800 + random.nextInt(0xF7FF));
                default -> (char) ('a' + random.nextInt(4));
            });
        }
        return s.toString();
    }
}
