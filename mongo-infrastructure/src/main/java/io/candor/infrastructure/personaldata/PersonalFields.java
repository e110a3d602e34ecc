package io.candor.infrastructure.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.candor.events.PersonalData;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Where a record's personal data sits in its JSON: the components marked {@link PersonalData} (a text, or a list of
 * texts), and the components whose type is a record that has some (a {@code Person}, a list of {@code Interviewer}),
 * followed into. Worked out once per class from the record's components; their names are the JSON names.
 */
final class PersonalFields {

    private static final PersonalFields NONE = new PersonalFields(List.of(), Map.of());
    private static final Map<Class<?>, PersonalFields> KNOWN = new ConcurrentHashMap<>();

    private final List<String> texts;
    private final Map<String, PersonalFields> nested;

    private PersonalFields(List<String> texts, Map<String, PersonalFields> nested) {
        this.texts = texts;
        this.nested = nested;
    }

    static PersonalFields of(Class<?> type) {
        if (type == null || !type.isRecord()) {
            return NONE;
        }
        PersonalFields known = KNOWN.get(type);
        if (known == null) {
            known = describe(type, new ArrayList<>());
            KNOWN.put(type, known);
        }
        return known;
    }

    private static PersonalFields describe(Class<?> type, List<Class<?>> enclosing) {
        if (!type.isRecord() || enclosing.contains(type)) {
            return NONE;
        }
        enclosing.add(type);
        List<String> texts = new ArrayList<>();
        Map<String, PersonalFields> nested = new java.util.LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(PersonalData.class)) {
                texts.add(component.getName());
                continue;
            }
            PersonalFields inner = describe(valueType(component), enclosing);
            if (!inner.none()) {
                nested.put(component.getName(), inner);
            }
        }
        enclosing.remove(type);
        return texts.isEmpty() && nested.isEmpty() ? NONE : new PersonalFields(List.copyOf(texts), Map.copyOf(nested));
    }

    /** The component's type, or the element type of a collection. */
    private static Class<?> valueType(RecordComponent component) {
        if (Collection.class.isAssignableFrom(component.getType())
                && component.getGenericType() instanceof ParameterizedType generic) {
            Type element = generic.getActualTypeArguments()[0];
            return element instanceof Class<?> elementClass ? elementClass : Object.class;
        }
        return component.getType();
    }

    boolean none() {
        return texts.isEmpty() && nested.isEmpty();
    }

    /** Replaces, in place, each personal text of {@code json} (an object of this record) by {@code change} of it. */
    void transform(JsonNode json, UnaryOperator<String> change) {
        if (!(json instanceof ObjectNode object)) {
            return;
        }
        for (String name : texts) {
            JsonNode value = object.get(name);
            if (value != null && value.isTextual()) {
                object.set(name, TextNode.valueOf(change.apply(value.textValue())));
            } else if (value instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).isTextual()) {
                        array.set(i, TextNode.valueOf(change.apply(array.get(i).textValue())));
                    }
                }
            }
        }
        nested.forEach((name, inner) -> {
            JsonNode value = object.get(name);
            if (value instanceof ArrayNode array) {
                array.forEach(element -> inner.transform(element, change));
            } else if (value != null) {
                inner.transform(value, change);
            }
        });
    }
}
