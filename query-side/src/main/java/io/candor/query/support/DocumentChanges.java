package io.candor.query.support;

import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What turns a stored document into its new version, as an update ({@code $set} and {@code $unset} of the paths that
 * changed) instead of the whole new document. A view that keeps a whole candidate in one document (the contacts,
 * the lessons, the analytics, the lists of a candidate's opportunities and entries) grows with the candidate's
 * history; one event changes a few of its values. Replacing the document sends all of it to the server for each
 * event; the update sends what changed: an appended element ({@code $set "list.12"}, the index one past the
 * last), a changed field ({@code $set "contacts.3.bridge"}).
 * <p>
 * Sub-documents are compared key by key, lists element by element while they do not shrink; a list that shrinks,
 * a value whose type changed, or a key that cannot be a path (empty, with a dot, or starting with {@code $}) is set
 * whole at that level. Values are compared with their types ({@code 3} and {@code 3L} differ), so a value read back
 * in another numeric type is written again rather than missed.
 */
final class DocumentChanges {

    /** Beyond this many changed paths, the whole document is sent: the update would be no smaller. */
    static final int MOST_PATHS = 64;

    private final Map<String, Object> sets = new LinkedHashMap<>();
    private final Map<String, Object> unsets = new LinkedHashMap<>();

    private DocumentChanges() {
    }

    /**
     * The update that turns {@code stored} into {@code wanted} (their {@code _id}s aside): empty if nothing changed,
     * or absent when only replacing the whole document can say it.
     */
    static Optional<Document> between(Document stored, Document wanted) {
        DocumentChanges changes = new DocumentChanges();
        for (Map.Entry<String, Object> entry : wanted.entrySet()) {
            if (entry.getKey().equals("_id")) {
                continue;
            }
            if (!isPath(entry.getKey())) {
                return Optional.empty();
            }
            if (!stored.containsKey(entry.getKey())) {
                changes.sets.put(entry.getKey(), entry.getValue());
            } else {
                changes.compare(entry.getKey(), stored.get(entry.getKey()), entry.getValue());
            }
        }
        for (String key : stored.keySet()) {
            if (!key.equals("_id") && !wanted.containsKey(key)) {
                if (!isPath(key)) {
                    return Optional.empty();
                }
                changes.unsets.put(key, "");
            }
        }
        if (changes.sets.size() + changes.unsets.size() > MOST_PATHS) {
            return Optional.empty();
        }
        Document update = new Document();
        if (!changes.sets.isEmpty()) {
            update.put("$set", new Document(changes.sets));
        }
        if (!changes.unsets.isEmpty()) {
            update.put("$unset", new Document(changes.unsets));
        }
        return Optional.of(update);
    }

    private void compare(String path, Object stored, Object wanted) {
        if (sameValue(stored, wanted)) {
            return;
        }
        if (stored instanceof Map<?, ?> before && wanted instanceof Map<?, ?> after && allPaths(before, after)) {
            after.forEach((key, value) -> {
                String child = path + "." + key;
                if (before.containsKey(key)) {
                    compare(child, before.get(key), value);
                } else {
                    sets.put(child, value);
                }
            });
            before.keySet().stream().filter(key -> !after.containsKey(key))
                    .forEach(key -> unsets.put(path + "." + key, ""));
        } else if (stored instanceof List<?> before && wanted instanceof List<?> after
                && after.size() >= before.size()) {
            for (int i = 0; i < after.size(); i++) {
                if (i < before.size()) {
                    compare(path + "." + i, before.get(i), after.get(i));
                } else {
                    sets.put(path + "." + i, after.get(i));
                }
            }
        } else {
            sets.put(path, wanted);
        }
    }

    /**
     * Equal, and of the same types all the way down. The very same instance is: a part of a document mapped once
     * and reused since ({@link DocumentParts}) is compared in no time, however much it holds.
     */
    private static boolean sameValue(Object stored, Object wanted) {
        if (stored == wanted) {
            return true;
        }
        if (stored instanceof Map<?, ?> before && wanted instanceof Map<?, ?> after) {
            if (before.size() != after.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : after.entrySet()) {
                if (!before.containsKey(entry.getKey()) || !sameValue(before.get(entry.getKey()), entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (stored instanceof List<?> before && wanted instanceof List<?> after) {
            if (before.size() != after.size()) {
                return false;
            }
            for (int i = 0; i < after.size(); i++) {
                if (!sameValue(before.get(i), after.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return stored == null ? wanted == null
                : wanted != null && stored.getClass() == wanted.getClass() && Objects.equals(stored, wanted);
    }

    private static boolean allPaths(Map<?, ?> before, Map<?, ?> after) {
        return before.keySet().stream().allMatch(DocumentChanges::isPath)
                && after.keySet().stream().allMatch(DocumentChanges::isPath);
    }

    private static boolean isPath(Object key) {
        return key instanceof String name && !name.isEmpty() && name.indexOf('.') < 0 && !name.startsWith("$");
    }
}
