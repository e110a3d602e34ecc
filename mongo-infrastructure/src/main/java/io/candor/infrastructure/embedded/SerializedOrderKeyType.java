package io.candor.infrastructure.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded server's unique indexes: stored exactly as before (H2's {@link ObjectDataType}),
 * ordered exactly as before, but compared without serialising.
 * <p>
 * H2 orders a key it has no type for ({@code KeyValue}, the server's index key) by the bytes of its Java
 * serialisation, and serialises both keys again at every comparison of every lookup: measured in a replay, 70% of
 * the server's time went to {@code ObjectOutputStream}. For the keys Candor's indexes hold, one string or one number,
 * the order of those bytes is known without writing them: a string is written as its modified UTF-8 length (two
 * bytes) and then its modified UTF-8 bytes, a {@code Long}, {@code Integer} or {@code Double} as its big-endian
 * bits after a prefix that is the same for every key of the type, and bytes compare unsigned. Any other key
 * (compound, another type, a string too long for the short form) is compared as H2 does. Because the order is the
 * same, files written before stay valid: the B-trees on disk are already in this order.
 */
final class SerializedOrderKeyType extends ObjectDataType {

    /** No fast answer: compare as H2 does. */
    private static final int UNKNOWN = Integer.MIN_VALUE;
    /** The longest string written with a two-byte length; longer ones have another form. */
    private static final int SHORT_STRING_LIMIT = 0xFFFF;

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
