package io.candor.infrastructure.personaldata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.candor.infrastructure.RecentlyUsed;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The event serializer, with the candidate's personal data ({@link PersonalFields}) encrypted on the way in and
 * decrypted on the way out; everything else is the JSON of the serializer it wraps. Each personal text is stored as
 * {@value #PREFIX} followed by the base64 of a fresh 12-byte nonce and the AES-GCM ciphertext with its tag, under
 * the key of the event's {@code candidateId}, which is also the additional authenticated data (a text cannot be
 * moved to another candidate's event and still decrypt).
 * <p>
 * Once the candidate's key is erased, each such text reads as {@value #ERASED}, and one written after the erasure is
 * stored as that. A text stored before encryption began (no prefix) reads as it is. The values around the texts
 * (reasons, stages, channels, instants, roles) are never encrypted: audit counts and analytics survive erasure.
 * <p>
 * A text read lately is not parsed again ({@link RecentlyUsed}): the views each read every event, and a replay
 * parsed each one once per view (a quarter of the views' CPU in a flight recording). The object read is shared by
 * its readers, as Axon shares one event's payload among the handlers of a processor: the events' lists are
 * read-only.
 */
public final class PersonalDataSerializer implements Serializer {

    public static final String ERASED = "[erased]";
    static final String PREFIX = "pd1:";
    private static final String CANDIDATE = "candidateId";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    /**
     * The weight of what was read lately per generation (two at most): the characters of each stored text, plus
     * {@value #ENTRY_CHARS} for what surrounds it. An event of the benchmark's history is stored in 272 characters on
     * average (454 at most), so a generation holds some 13,000 events: the views of a replay read the same events
     * within that distance of each other (measured on 30,000 events: 75% of the reads answered from it). Measured on
     * 40,000 events of that history: 25,000 events held took 15 MB of heap, so both generations together take some
     * 16 MB at most.
     */
    static final long RECENT_READS_CHARS_PER_GENERATION = 5_000_000;
    static final int ENTRY_CHARS = 100;

    private final Serializer json;
    private final CandidateKeys keys;
    private final SecureRandom random = new SecureRandom();
    /** The mapper of {@code json} if it is Jackson's serializer, to parse a stored text in one step; else null. */
    private final ObjectMapper mapper;
    private final RecentlyUsed<Stored, Read> recentReads =
            new RecentlyUsed<>(RECENT_READS_CHARS_PER_GENERATION, (stored, read) -> ENTRY_CHARS + stored.text().length());

    /** A stored text of a type and revision. */
    private record Stored(String type, String revision, String text) {
    }

    /**
     * What a stored text read as; {@code candidate} is the one whose key was looked up to read it (null if none was),
     * and {@code withKey} whether they had one then.
     */
    private record Read(Object value, String candidate, boolean withKey) {
    }

    /** {@code json} must be able to serialize to and from Jackson's {@link JsonNode}. */
    public PersonalDataSerializer(Serializer json, CandidateKeys keys) {
        this.json = json;
        this.keys = keys;
        this.mapper = json instanceof JacksonSerializer jackson ? jackson.getObjectMapper() : null;
        // An erasure here drops what was read with the key at once; one by another process, when the text is read
        // next (the key is looked up again), or when it is pushed out.
        keys.onErase(candidate -> recentReads.removeIf((stored, read) -> candidate.equals(read.candidate())));
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalFields fields = PersonalFields.of(object == null ? null : object.getClass());
        if (fields.none()) {
            return json.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> tree = json.serialize(object, JsonNode.class);
        JsonNode node = tree.getData();
        String candidate = node.path(CANDIDATE).asText(null);
        Optional<SecretKey> key = candidate == null ? Optional.empty() : keys.forWriting(candidate);
        fields.transform(node, text -> key.map(k -> encrypt(k, candidate, text)).orElse(ERASED));
        return json.getConverter().convert(new SimpleSerializedObject<>(node, JsonNode.class, tree.getType()),
                expectedRepresentation);
    }

    /**
     * The event or metadata the stored text stands for. A text read lately (by any reader of this process, see
     * {@link RecentlyUsed}) answers the value read then, unless the candidate's key was erased since: the same text
     * under the same key reads the same, and a key is never replaced, only erased.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        SerializedType type = serializedObject.getType();
        if (!(serializedObject.getData() instanceof String text) || type == null) {
            return (T) read(serializedObject).value();
        }
        Stored key = new Stored(type.getName(), type.getRevision(), text);
        Read known = recentReads.get(key);
        if (known != null && (known.candidate() == null
                || keys.forReading(known.candidate()).isPresent() == known.withKey())) {
            return (T) known.value();
        }
        Read read = read(serializedObject);
        recentReads.put(key, read);
        return (T) read.value();
    }

    private Read read(SerializedObject<?> serializedObject) {
        PersonalFields fields = PersonalFields.of(classFor(serializedObject.getType()));
        if (fields.none()) {
            return new Read(json.deserialize(serializedObject), null, false);
        }
        JsonNode node = tree(serializedObject);
        String candidate = node.path(CANDIDATE).asText(null);
        Optional<SecretKey>[] key = new Optional[1]; // looked up once, and only if some text is encrypted
        fields.transform(node, text -> {
            if (!text.startsWith(PREFIX)) {
                return text;
            }
            if (key[0] == null) {
                key[0] = candidate == null ? Optional.empty() : keys.forReading(candidate);
            }
            return key[0].map(k -> decrypt(k, candidate, text)).orElse(ERASED);
        });
        Object value = json.deserialize(new SimpleSerializedObject<>(node, JsonNode.class, serializedObject.getType()));
        boolean keyed = key[0] != null && candidate != null;
        return new Read(value, keyed ? candidate : null, keyed && key[0].isPresent());
    }

    /** The stored JSON as a tree of its own, which {@link PersonalFields#transform} may change. */
    private JsonNode tree(SerializedObject<?> serializedObject) {
        if (mapper != null && serializedObject.getData() instanceof String text) {
            try {
                return mapper.readTree(text);
            } catch (JsonProcessingException unreadable) {
                throw new SerializationException("Cannot read the stored " + serializedObject.getType().getName(),
                        unreadable);
            }
        }
        return json.getConverter().convert(serializedObject, JsonNode.class).getData().deepCopy();
    }

    /** Whether a text read with the candidate's key is kept among the texts read lately. */
    boolean keepsWhatWasReadWithTheKeyOf(String candidateId) {
        return recentReads.any((stored, read) -> candidateId.equals(read.candidate()) && read.withKey());
    }

    private Class<?> classFor(SerializedType type) {
        try {
            return json.classForType(type);
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    private String encrypt(SecretKey key, String candidate, String text) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(candidate.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            byte[] stored = Arrays.copyOf(nonce, NONCE + sealed.length);
            System.arraycopy(sealed, 0, stored, NONCE, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", impossible);
        }
    }

    /** A text that does not decrypt under the key was not written by this serializer: it reads as it is. */
    private static String decrypt(SecretKey key, String candidate, String text) {
        try {
            byte[] stored = Base64.getDecoder().decode(text.substring(PREFIX.length()));
            if (stored.length <= NONCE) {
                return text;
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE));
            cipher.updateAAD(candidate.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(stored, NONCE, stored.length - NONCE), StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException notOurs) {
            return text;
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", impossible);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return json.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return json.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return json.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return json.getConverter();
    }
}
