package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The key type of the embedded server's unique indexes: ordered exactly as H2's {@link ObjectDataType} orders them,
 * but compared without serialising, and written in a compact form.
 * <p>
 * H2 orders a key it has no type for ({@code KeyValue}, the server's index key) by the bytes of its Java
 * serialisation, and serialises both keys again at every comparison of every lookup: measured in a replay, 70% of
 * the server's time went to {@code ObjectOutputStream}. For the keys Candor's indexes hold, one string or one number,
 * the order of those bytes is known without writing them: a string is written as its modified UTF-8 length (two
 * bytes) and then its modified UTF-8 bytes, a {@code Long}, {@code Integer} or {@code Double} as its big-endian
 * bits after a prefix that is the same for every key of the type, and bytes compare unsigned. Any other key
 * (compound, another type, a string too long for the short form) is compared as H2 does. Because the order is the
 * same, files written before stay valid: the B-trees on disk are already in this order.
 * <p>
 * Written, H2 serialises a key it has no type for with a new {@code ObjectOutputStream} each, and writes every key of
 * a changed page again at each commit: measured in a replay, 8% of all the process's CPU. A key of one string,
 * number or boolean (the key of every index Candor writes often) is written instead as a tag byte that no form of
 * {@link ObjectDataType} begins with (its tags end at 119), the number of its values, and the value in H2's own
 * form for it. Any other key, and every key of a file written before, is read and written as before; a page
 * written again moves its keys to the compact form. A store written in this form cannot be read by a Candor from
 * before it. The stored form changes nothing of the order, which is on the keys themselves.
 * <p>
 * A compound key stays in the older form: Java serialisation writes a value that occurs twice in it (the same
 * object) as a reference to the first, so the order of such a key depends on which of its values are the same
 * object, which the serialised form keeps and a compact one would not.
 */
final class SerializedOrderKeyType extends ObjectDataType {

    /** The first byte of a key in the compact form ({@link BsonDocumentType#BSON_TAG} is a document's). */
    static final byte COMPACT_TAG = (byte) 0xB6;

    /** No fast answer: compare as H2 does. */
    private static final int UNKNOWN = Integer.MIN_VALUE;
    /** The longest string written with a two-byte length; longer ones have another form. */
    private static final int SHORT_STRING_LIMIT = 0xFFFF;
    /** A key object's own memory, and its list's, beside its values. */
    private static final int KEY_OVERHEAD_BYTES = 56;

    /** H2's own form of a single value of a compact key. */
    private final ObjectDataType valueForm = new ObjectDataType();

    @Override
    public void write(WriteBuffer buffer, Object key) {
        if (!(key instanceof KeyValue compact) || !isCompact(compact)) {
            super.write(buffer, key);
            return;
        }
        buffer.put(COMPACT_TAG).putVarInt(compact.size());
        for (Object value : compact) {
            valueForm.write(buffer, value);
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != COMPACT_TAG) {
            return super.read(buffer);
        }
        buffer.get();
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(valueForm.read(buffer));
        }
        return new KeyValue(values);
    }

    /**
     * What a key takes in memory, for H2's cache and for how much it lets a store hold before it writes: H2's
     * estimate of an object it serialises starts at 10 KB and learns only from what it serialises.
     */
    @Override
    public int getMemory(Object key) {
        if (!(key instanceof KeyValue compact) || !isCompact(compact)) {
            return super.getMemory(key);
        }
        int memory = KEY_OVERHEAD_BYTES;
        for (Object value : compact) {
            memory += valueForm.getMemory(value);
        }
        return memory;
    }

    /** Whether {@code key} is one value with a form of H2's own, read back as the very same type. */
    private static boolean isCompact(KeyValue key) {
        if (key.size() != 1) {
            return false;
        }
        Object value = key.get(0);
        return value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Double || value instanceof Boolean;
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue first && b instanceof KeyValue second && first.size() == 1 && second.size() == 1) {
            int order = compareSingle(first.get(0), second.get(0));
            if (order != UNKNOWN) {
                return order;
            }
        }
        return super.compare(a, b);
    }

    /** The order of the serialised forms of two single values, or {@link #UNKNOWN}. */
    static int compareSingle(Object a, Object b) {
        if (a instanceof String first && b instanceof String second) {
            return compareStrings(first, second);
        }
        if (a instanceof Long first && b instanceof Long second) {
            return Integer.signum(Long.compareUnsigned(first, second));
        }
        if (a instanceof Integer first && b instanceof Integer second) {
            return Integer.signum(Integer.compareUnsigned(first, second));
        }
        if (a instanceof Double first && b instanceof Double second) {
            return Integer.signum(Long.compareUnsigned(Double.doubleToLongBits(first),
                    Double.doubleToLongBits(second)));
        }
        return UNKNOWN;
    }

    /** Modified UTF-8 length first, then the encoded bytes, which follow the order of {@link #rank}. */
    private static int compareStrings(String a, String b) {
        int lengthA = modifiedUtf8Length(a);
        int lengthB = modifiedUtf8Length(b);
        if (lengthA > SHORT_STRING_LIMIT || lengthB > SHORT_STRING_LIMIT) {
            return UNKNOWN;
        }
        if (lengthA != lengthB) {
            return lengthA < lengthB ? -1 : 1;
        }
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return rank(x) < rank(y) ? -1 : 1;
            }
        }
        return Integer.signum(a.length() - b.length());
    }

    /**
     * Where a character's encoding sorts: one byte for 1 to 0x7F, then 0 (written as the two bytes C0 80), then
     * every other character in its own order (two bytes from C2, three from E0).
     */
    private static int rank(char c) {
        if (c == 0) {
            return 0x80;
        }
        return c < 0x80 ? c : c + 1;
    }

    private static int modifiedUtf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            length += c >= 1 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return length;
    }
}
