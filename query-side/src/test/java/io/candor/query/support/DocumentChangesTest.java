package io.candor.query.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentChangesTest {

    private final MongoCollection<Document> views = TestMongo.freshDatabase().getCollection("views");

    @Test
    void whatChanged_isSentAsPaths_andTurnsTheStoredDocumentIntoTheWantedOne() {
        Document stored = Document.parse("{_id: 'c', name: 'Ada', list: [{k: 1}], map: {x: 1, y: 2}, gone: true}");
        Document wanted = Document.parse("{name: 'Ada', list: [{k: 2}, {k: 3}], map: {x: 1, z: 3}}");

        Document update = DocumentChanges.between(stored, wanted).orElseThrow();

        assertThat(update.get("$set", Document.class))
                .isEqualTo(Document.parse("{'list.0.k': 2, 'list.1': {k: 3}, 'map.z': 3}"));
        assertThat(update.get("$unset", Document.class)).containsOnlyKeys("map.y", "gone");
        assertThat(appliedOnTheServer(stored, Optional.of(update), wanted)).isEqualTo(wanted.append("_id", "c"));
    }

    @Test
    void manyElementsAppendedAtOnce_landInOrder() {
        Document stored = new Document("_id", "m").append("ids", List.of("a"))
                .append("history", List.of(new Document("sequence", 0)));
        List<String> ids = new ArrayList<>();
        List<Document> history = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            ids.add("id" + i);
            history.add(new Document("sequence", i));
        }
        Document wanted = new Document("ids", ids).append("history", history);

        Document update = DocumentChanges.between(stored, wanted).orElseThrow();

        assertThat(update.get("$set", Document.class)).containsKeys("ids.1", "ids.13", "history.13");
        assertThat(appliedOnTheServer(stored, Optional.of(update), wanted)).isEqualTo(wanted.append("_id", "m"));
    }

    @Test
    void anUnchangedDocument_needsNoWrite() {
        Document stored = Document.parse("{_id: 'c', list: [{k: 1, at: '2026-01-01T00:00:00Z'}], n: 5}");
        Document wanted = Document.parse("{list: [{k: 1, at: '2026-01-01T00:00:00Z'}], n: 5}");

        assertThat(DocumentChanges.between(stored, wanted)).contains(new Document());
    }

    @Test
    void aShrunkList_orAValueOfAnotherType_isSetWhole() {
        Document stored = new Document("_id", "c").append("list", List.of(1, 2, 3)).append("n", 5);
        Document wanted = new Document("list", List.of(1, 2)).append("n", 5L);

        Document update = DocumentChanges.between(stored, wanted).orElseThrow();

        assertThat(update).isEqualTo(new Document("$set", new Document("list", List.of(1, 2)).append("n", 5L)));
    }

    @Test
    void keysThatCannotBePaths_areWrittenAtTheLevelAboveThem() {
        Document stored = Document.parse("{_id: 'c', map: {'a.b': 1}}");

        assertThat(DocumentChanges.between(stored, Document.parse("{map: {'a.b': 2}}")).orElseThrow())
                .isEqualTo(Document.parse("{$set: {map: {'a.b': 2}}}"));
        assertThat(DocumentChanges.between(stored, Document.parse("{map: {}, 'x.y': 1}"))).isEmpty();
    }

    @Test
    void tooManyChanges_areSentAsTheWholeDocument() {
        List<Integer> before = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        for (int i = 0; i <= DocumentChanges.MOST_PATHS; i++) {
            before.add(i);
            after.add(-i - 1);
        }

        assertThat(DocumentChanges.between(new Document("list", before), new Document("list", after))).isEmpty();
    }

    @Test
    void randomChanges_appliedByTheServer_giveExactlyTheWantedDocument() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            Document stored = randomDocument(random, 0).append("_id", "c" + round);
            Document wanted = mutate(random, copy(stored), 0);
            wanted.remove("_id");

            Document result = appliedOnTheServer(stored, DocumentChanges.between(stored, wanted), wanted);

            assertThat(comparable(result)).as("round %d: %s -> %s", round, stored.toJson(), wanted.toJson())
                    .isEqualTo(comparable(new Document(wanted).append("_id", "c" + round)));
        }
    }

    /** Stores {@code stored}, applies the update (or replaces with {@code wanted} if none), reads it back. */
    private Document appliedOnTheServer(Document stored, Optional<Document> update, Document wanted) {
        views.insertOne(stored);
        Object id = stored.get("_id");
        if (update.isEmpty()) {
            views.replaceOne(Filters.eq("_id", id), new Document(wanted).append("_id", id));
        } else if (!update.get().isEmpty()) {
            assertThat(views.updateOne(Filters.eq("_id", id), update.get()).getMatchedCount()).isOne();
        }
        return views.find(Filters.eq("_id", id)).first();
    }

    /**
     * A value to compare by content: keys in order, whole numbers as longs (an update that sets 1 where 1L is stored
     * may keep 1L, on MongoDB as on the embedded server: equal values; a view reads either).
     */
    private static Object comparable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> sorted = new TreeMap<>();
            map.forEach((key, inner) -> sorted.put(key, comparable(inner)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DocumentChangesTest::comparable).toList();
        }
        return value instanceof Integer number ? Long.valueOf(number) : value;
    }

    /** A deep copy, every value of its own type. */
    private static Document copy(Document document) {
        Document copy = new Document();
        document.forEach((key, value) -> copy.put(key, copyValue(value)));
        return copy;
    }

    private static Object copyValue(Object value) {
        if (value instanceof Document document) {
            return copy(document);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(copyValue(item)));
            return copy;
        }
        return value;
    }

    private static Document randomDocument(Random random, int depth) {
        Document document = new Document();
        int fields = 1 + random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            document.put("f" + random.nextInt(6), randomValue(random, depth));
        }
        return document;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth >= 3 ? 4 : 6);
        return switch (kind) {
            case 0 -> "s" + random.nextInt(3);
            case 1 -> random.nextInt(3);
            case 2 -> random.nextBoolean() ? null : (long) random.nextInt(3);
            case 3 -> random.nextBoolean();
            case 4 -> randomDocument(random, depth + 1);
            default -> {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    /** Changes a few values of {@code document} (and of what it holds): set, remove, append, shrink. */
    @SuppressWarnings("unchecked")
    private static Document mutate(Random random, Document document, int depth) {
        for (Map.Entry<String, Object> entry : new ArrayList<>(document.entrySet())) {
            if (entry.getKey().equals("_id") || random.nextInt(3) > 0) {
                continue;
            }
            Object value = entry.getValue();
            switch (random.nextInt(4)) {
                case 0 -> document.put(entry.getKey(), randomValue(random, depth));
                case 1 -> document.remove(entry.getKey());
                default -> {
                    if (value instanceof Document inner) {
                        mutate(random, inner, depth + 1);
                    } else if (value instanceof List<?> list) {
                        List<Object> items = (List<Object>) list;
                        if (!items.isEmpty() && random.nextBoolean()) {
                            items.remove(items.size() - 1);
                        } else {
                            items.add(randomValue(random, depth + 1));
                        }
                        for (int i = 0; i < items.size(); i++) {
                            if (items.get(i) instanceof Document inner && random.nextBoolean()) {
                                mutate(random, inner, depth + 1);
                            }
                        }
                    }
                }
            }
        }
        if (random.nextInt(4) == 0) {
            document.put("n" + random.nextInt(3), randomValue(random, depth));
        }
        return document;
    }
}
