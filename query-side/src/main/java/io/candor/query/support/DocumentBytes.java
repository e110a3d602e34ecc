package io.candor.query.support;

import com.mongodb.MongoClientSettings;
import org.bson.BsonWriterSettings;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.configuration.CodecConfigurationException;
import org.bson.codecs.configuration.CodecRegistry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A view's document as the BSON the driver would send for it, written straight into bytes. The driver's
 * {@code DocumentCodec} looks up a codec in its registry for every value and writes through a writer that checks its
 * state at each step: in flight recordings, encoding the views' bulk writes was 11 to 29% of their processors' CPU,
 * in a replay and under load alike. The views write JSON-like values only (strings, numbers, booleans, nulls, lists
 * and documents), which this writes itself, byte for byte as the driver does; any other value, or a field name the
 * driver would refuse (one holding a NUL character), sends the whole document through the driver's codec instead.
 * The driver copies the bytes of a {@link RawBsonDocument} into its message as they are, and so no longer checks
 * their names (a replacement's top-level name beginning with {@code $} would be refused as a {@link Document}): the
 * views' top-level names are fixed by their classes and projections.
 */
final class DocumentBytes {

    private static final byte DOUBLE = 0x01;
    private static final byte STRING = 0x02;
    private static final byte DOCUMENT = 0x03;
    private static final byte ARRAY = 0x04;
    private static final byte BOOLEAN = 0x08;
    private static final byte NULL = 0x0A;
    private static final byte INT32 = 0x10;
    private static final byte INT64 = 0x12;

    /** Array indexes as field names, written once. */
    private static final byte[][] INDEXES = new byte[1024][];

    static {
        for (int i = 0; i < INDEXES.length; i++) {
            INDEXES[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** The nesting the driver's writer refuses beyond (a document that holds itself, most likely). */
    private static final int MAX_DEPTH = new BsonWriterSettings().getMaxSerializationDepth();

    private final Codecs codecs;
    private byte[] bytes = new byte[256];
    private int size;
    private int depth;

    private DocumentBytes(Codecs codecs) {
        this.codecs = codecs;
    }

    /**
     * {@code document} as BSON: what {@code registry}'s (the collection's) codec for documents would give, fields in
     * the document's order. A registry whose codec for a value this writes is not the default registry's (another
     * codec for strings, say) has the whole document encoded through it.
     */
    static RawBsonDocument of(Document document, CodecRegistry registry) {
        Codecs codecs = Codecs.of(registry);
        if (codecs.scalarsAsDefault) {
            DocumentBytes out = new DocumentBytes(codecs);
            try {
                out.document(document);
                return new RawBsonDocument(out.bytes, 0, out.size);
            } catch (NotWritten other) {
                // the driver's, below
            }
        }
        return new RawBsonDocument(document, registry.get(Document.class));
    }

    /** Which of the values this writes a registry encodes as the default registry does. */
    private static final class Codecs {
        private static final CodecRegistry DEFAULT = MongoClientSettings.getDefaultCodecRegistry();
        /**
         * Per registry met. The driver wraps the client's registry anew for each collection object (for its UUID
         * representation), so one process meets a few, equal or not; a document's registry is looked up here, not
         * checked again for every document.
         */
        private static final Map<CodecRegistry, Codecs> KNOWN = new ConcurrentHashMap<>();
        private static final int MOST_KNOWN = 256;

        final CodecRegistry registry;
        final boolean scalarsAsDefault;
        /** Per class of map or list met, whether the registry's codec for it is the default one. */
        private final Map<Class<?>, Boolean> containersAsDefault = new ConcurrentHashMap<>();

        private Codecs(CodecRegistry registry) {
            this.registry = registry;
            this.scalarsAsDefault = List.of(Document.class, String.class, Integer.class, Long.class, Double.class,
                    Boolean.class).stream().allMatch(this::asDefault);
        }

        static Codecs of(CodecRegistry registry) {
            Codecs codecs = KNOWN.get(registry);
            if (codecs == null) {
                if (KNOWN.size() >= MOST_KNOWN) {
                    KNOWN.clear();
                }
                codecs = KNOWN.computeIfAbsent(registry, Codecs::new);
            }
            return codecs;
        }

        boolean containerAsDefault(Class<?> type) {
            return registry == DEFAULT || containersAsDefault.computeIfAbsent(type, this::asDefault);
        }

        private boolean asDefault(Class<?> type) {
            try {
                Codec<?> codec = registry.get(type);
                return codec.getClass() == DEFAULT.get(type).getClass();
            } catch (CodecConfigurationException none) {
                return false;
            }
        }
    }

    /** Thrown where a value is not one this writes: the caller lets the driver encode the document. */
    private static final class NotWritten extends RuntimeException {
        NotWritten() {
            super(null, null, false, false);
        }
    }

    private void document(Map<?, ?> document) {
        enter();
        ensure(4);
        int start = size;
        size += 4;
        for (Map.Entry<?, ?> field : document.entrySet()) {
            if (!(field.getKey() instanceof String name)) {
                throw new NotWritten();
            }
            element(name, field.getValue());
        }
        end(start);
        depth--;
    }

    private void array(List<?> list) {
        enter();
        ensure(4);
        int start = size;
        size += 4;
        int index = 0;
        for (Object value : list) {
            elementAt(index++, value);
        }
        end(start);
        depth--;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new NotWritten(); // the driver refuses it, and says why
        }
    }

    private void end(int start) {
        ensure(1);
        bytes[size++] = 0;
        int length = size - start;
        bytes[start] = (byte) length;
        bytes[start + 1] = (byte) (length >>> 8);
        bytes[start + 2] = (byte) (length >>> 16);
        bytes[start + 3] = (byte) (length >>> 24);
    }

    private void element(String name, Object value) {
        byte type = typeOf(value);
        ensure(1);
        bytes[size++] = type;
        cstring(name);
        value(type, value);
    }

    private void elementAt(int index, Object value) {
        byte type = typeOf(value);
        ensure(1);
        bytes[size++] = type;
        if (index < INDEXES.length) {
            byte[] name = INDEXES[index];
            ensure(name.length + 1);
            System.arraycopy(name, 0, bytes, size, name.length);
            size += name.length;
            bytes[size++] = 0;
        } else {
            cstring(Integer.toString(index));
        }
        value(type, value);
    }

    private byte typeOf(Object value) {
        if (value == null) {
            return NULL;
        } else if (value instanceof String) {
            return STRING;
        } else if (value instanceof Integer) {
            return INT32;
        } else if (value instanceof Long) {
            return INT64;
        } else if (value instanceof Double) {
            return DOUBLE;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof Map<?, ?> && codecs.containerAsDefault(value.getClass())) {
            return DOCUMENT;
        } else if (value instanceof List<?> && codecs.containerAsDefault(value.getClass())) {
            return ARRAY;
        }
        throw new NotWritten();
    }

    private void value(byte type, Object value) {
        switch (type) {
            case NULL -> {
            }
            case STRING -> string((String) value);
            case INT32 -> int32((Integer) value);
            case INT64 -> int64((Long) value);
            case DOUBLE -> int64(Double.doubleToRawLongBits((Double) value));
            case BOOLEAN -> {
                ensure(1);
                bytes[size++] = (byte) ((Boolean) value ? 1 : 0);
            }
            case DOCUMENT -> document((Map<?, ?>) value);
            default -> array((List<?>) value);
        }
    }

    private void string(String value) {
        ensure(4);
        int start = size;
        size += 4;
        characters(value, false);
        ensure(1);
        bytes[size++] = 0;
        int length = size - start - 4;
        bytes[start] = (byte) length;
        bytes[start + 1] = (byte) (length >>> 8);
        bytes[start + 2] = (byte) (length >>> 16);
        bytes[start + 3] = (byte) (length >>> 24);
    }

    private void cstring(String name) {
        characters(name, true);
        ensure(1);
        bytes[size++] = 0;
    }

    /** UTF-8 by code point, a surrogate without its pair as itself in three bytes: as the driver writes them. */
    private void characters(String text, boolean name) {
        int length = text.length();
        ensure(length * 3 + 4);
        for (int i = 0; i < length; ) {
            int c = text.charAt(i);
            if (c < 0x80 && c != 0) {
                bytes[size++] = (byte) c;
                i++;
                continue;
            }
            c = Character.codePointAt(text, i);
            if (c == 0 && name) {
                throw new NotWritten(); // the driver refuses it, and says why
            }
            if (c < 0x80) {
                bytes[size++] = (byte) c;
            } else if (c < 0x800) {
                bytes[size++] = (byte) (0xC0 | c >> 6);
                bytes[size++] = (byte) (0x80 | c & 0x3F);
            } else if (c < 0x10000) {
                bytes[size++] = (byte) (0xE0 | c >> 12);
                bytes[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[size++] = (byte) (0x80 | c & 0x3F);
            } else {
                bytes[size++] = (byte) (0xF0 | c >> 18);
                bytes[size++] = (byte) (0x80 | c >> 12 & 0x3F);
                bytes[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[size++] = (byte) (0x80 | c & 0x3F);
            }
            i += Character.charCount(c);
        }
    }

    private void int32(int value) {
        ensure(4);
        bytes[size++] = (byte) value;
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 24);
    }

    private void int64(long value) {
        ensure(8);
        for (int shift = 0; shift < 64; shift += 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
