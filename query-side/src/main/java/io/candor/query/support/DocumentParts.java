package io.candor.query.support;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializer;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import org.bson.Document;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The documents one mapping of a view made of its values (records holding nothing that can change: strings,
 * numbers, enums, instants, other such records), kept by the very instance they were made from. A view that keeps
 * a candidate's history (every interaction with a contact, every question asked, every position applied) is mostly
 * such records, and the next mapping of the same view object finds most of them as they were: it takes their
 * documents from here instead of serialising them again, and {@link DocumentChanges} finds them unchanged by
 * identity instead of comparing them value by value. What changed (a record replaced, a field of a mutable class
 * set, an element added) is mapped, and compared, as before.
 * <p>
 * An instance is only ever mapped to one document because a value record cannot change after it is made, and
 * Jackson writes it as its components alone (a record with a property of its own, a method with
 * {@code @JsonProperty}, is not reused; nor one holding an enum written through a method, {@code @JsonValue}); a
 * document kept here is never changed either (a batch changes a copy of a document it wrote, never the parts of
 * one). A serializer the property makes contextual (a format of its own), or unwraps into its holder
 * ({@code @JsonUnwrapped}), is not reused: its document could differ from the one kept.
 */
public final class DocumentParts {

    /** The mapping under way on this thread, if it reuses parts: the documents it may reuse, and those it made. */
    private static final ThreadLocal<Mapping> CURRENT = new ThreadLocal<>();

    /** Final classes of immutable values (not BigDecimal: a subclass of it could change). */
    private static final Set<Class<?>> VALUES = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, Instant.class, Duration.class,
            Period.class, LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class,
            ZonedDateTime.class, UUID.class);

    /** Per record class, whether it is a value as the views' mapper writes it. */
    private static final Map<Class<?>, Boolean> VALUE_RECORDS = new ConcurrentHashMap<>();

    private final IdentityHashMap<Object, Document> documents;

    private DocumentParts(IdentityHashMap<Object, Document> documents) {
        this.documents = documents;
    }

    /** Whether this instance's document is among the parts, for tests. */
    boolean holds(Object part) {
        return documents.containsKey(part);
    }

    /** The module that makes {@link ViewDocuments}' mapper reuse parts while a mapping asks for it. */
    static Module module() {
        return new SimpleModule("DocumentParts").setSerializerModifier(new BeanSerializerModifier() {
            @Override
            @SuppressWarnings("unchecked")
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                                                      JsonSerializer<?> serializer) {
                return serializer.getClass() == BeanSerializer.class && isValueRecord(description.getBeanClass(), config)
                        ? new Reusing((JsonSerializer<Object>) serializer) : serializer;
            }
        });
    }

    /** A view's document, and the parts of it the next mapping of the same view may reuse. */
    record Mapped(Document document, DocumentParts parts) {
    }

    /**
     * Runs {@code mapping} (of one view to its document) reusing the parts of {@code previous} (null for none) that
     * are still in the view; returns the document and its parts, which the next mapping of this view may reuse.
     */
    static Mapped reusing(DocumentParts previous, Supplier<Document> mapping) {
        Mapping current = new Mapping(previous == null ? new IdentityHashMap<>() : previous.documents);
        Mapping outer = CURRENT.get();
        CURRENT.set(current);
        try {
            Document document = mapping.get();
            return new Mapped(document, new DocumentParts(current.made));
        } finally {
            restore(outer);
        }
    }

    /** Runs {@code mapping} reusing no parts, whatever mapping is under way. */
    static <T> T without(Supplier<T> mapping) {
        Mapping outer = CURRENT.get();
        CURRENT.remove();
        try {
            return mapping.get();
        } finally {
            restore(outer);
        }
    }

    private static void restore(Mapping outer) {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    /**
     * Whether Jackson writes the record as its components and nothing else: a property of its own (a method with
     * {@code @JsonProperty}) could say something other than what the components hold, and change while they do not.
     */
    private static boolean writesItsComponents(BeanDescription description) {
        Set<String> components = new HashSet<>();
        for (RecordComponent component : description.getBeanClass().getRecordComponents()) {
            components.add(component.getName());
        }
        Set<String> properties = new HashSet<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            properties.add(property.getName());
        }
        return properties.equals(components);
    }

    /**
     * Whether instances of {@code type} are values as the views' mapper writes them: a record holding only values,
     * which nothing can change, written as its components alone, as is every record it holds.
     */
    static boolean isValueRecord(Class<?> type) {
        return isValueRecord(type, ViewDocuments.mapper().getSerializationConfig());
    }

    private static boolean isValueRecord(Class<?> type, SerializationConfig config) {
        Boolean known = VALUE_RECORDS.get(type);
        if (known == null) {
            known = isValueRecord(type, config, new HashSet<>());
            VALUE_RECORDS.put(type, known);
        }
        return known;
    }

    private static boolean isValueRecord(Class<?> type, SerializationConfig config, Set<Class<?>> underWay) {
        if (!type.isRecord()) {
            return false;
        }
        if (!underWay.add(type)) {
            return true; // a record holding one of its own kind: a value if the rest of it is
        }
        if (!writesItsComponents(config.introspect(config.constructType(type)))) {
            return false;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> held = component.getType();
            boolean value = held.isPrimitive() || isNamedEnum(held) || VALUES.contains(held)
                    || isValueRecord(held, config, underWay);
            if (!value) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code type} is an enum Jackson writes by its constant's name: not one written through a method
     * ({@code @JsonValue}) or as an object ({@code @JsonFormat}), which could read a field that changes.
     */
    private static boolean isNamedEnum(Class<?> type) {
        if (!type.isEnum() || type.isAnnotationPresent(JsonFormat.class)) {
            return false;
        }
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(JsonValue.class)) {
                return false;
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (field.isAnnotationPresent(JsonValue.class)) {
                return false;
            }
        }
        return true;
    }

    private static final class Mapping {
        private final IdentityHashMap<Object, Document> previous;
        private final IdentityHashMap<Object, Document> made = new IdentityHashMap<>();

        private Mapping(IdentityHashMap<Object, Document> previous) {
            this.previous = previous;
        }
    }

    /** A value record's serializer that, while a mapping reuses parts, writes the record's document as one token. */
    private static final class Reusing extends JsonSerializer<Object> implements ResolvableSerializer,
            ContextualSerializer {

        private final JsonSerializer<Object> whole;

        private Reusing(JsonSerializer<Object> whole) {
            this.whole = whole;
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            Mapping mapping = CURRENT.get();
            if (mapping == null || !(generator instanceof TokenBuffer)) {
                whole.serialize(value, generator, provider);
                return;
            }
            Document document = mapping.made.get(value);
            if (document == null) {
                document = mapping.previous.get(value);
            }
            if (document == null) {
                document = documentOf(value, generator, provider);
                if (document == null) {
                    whole.serialize(value, generator, provider); // a shape a document cannot hold as one token
                    return;
                }
            }
            mapping.made.put(value, document);
            generator.writeEmbeddedObject(document);
        }

        private Document documentOf(Object value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            try (TokenBuffer tokens = new TokenBuffer(generator.getCodec(), false)) {
                whole.serialize(value, tokens, provider);
                try (JsonParser parser = tokens.asParser(generator.getCodec())) {
                    return parser.nextToken() == JsonToken.START_OBJECT
                            && ViewDocuments.valueAt(parser) instanceof Document document ? document : null;
                }
            }
        }

        @Override
        public void serializeWithType(Object value, JsonGenerator generator, SerializerProvider provider,
                                      TypeSerializer types) throws IOException {
            whole.serializeWithType(value, generator, provider, types);
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (whole instanceof ResolvableSerializer resolvable) {
                resolvable.resolve(provider);
            }
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            if (!(whole instanceof ContextualSerializer contextual)) {
                return this;
            }
            JsonSerializer<?> inContext = contextual.createContextual(provider, property);
            // the same serializer in every context: its documents are the same too; another one is left as it is
            return inContext == whole ? this : inContext;
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Object value) {
            return whole.isEmpty(provider, value);
        }

        @Override
        public boolean usesObjectId() {
            return whole.usesObjectId();
        }

        /** Unwrapped into its holder's fields ({@code @JsonUnwrapped}), a record is not one token: not reused. */
        @Override
        public JsonSerializer<Object> unwrappingSerializer(NameTransformer unwrapper) {
            return whole.unwrappingSerializer(unwrapper);
        }

        @Override
        public boolean isUnwrappingSerializer() {
            return whole.isUnwrappingSerializer();
        }

        @Override
        public JsonSerializer<?> withFilterId(Object filterId) {
            return whole.withFilterId(filterId);
        }

        @Override
        public Class<Object> handledType() {
            return whole.handledType();
        }

        @Override
        public JsonSerializer<?> getDelegatee() {
            return whole;
        }

        @Override
        public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type)
                throws JsonMappingException {
            whole.acceptJsonFormatVisitor(visitor, type);
        }
    }
}
