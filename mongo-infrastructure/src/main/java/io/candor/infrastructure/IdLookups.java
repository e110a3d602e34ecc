package io.candor.infrastructure;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads documents by a list of keys, {@value #PER_QUERY} keys per {@code $in} query at most. The embedded server
 * finds each key of an {@code $in} through the unique index and then matches every document found against the whole
 * list again, which costs the square of the list's length (measured: 10,000 positions per query made the server,
 * not the views, the limit of a replay; a timeline of a few thousand entries took over 100 ms to read). A real
 * MongoDB does not care; a few more round trips for a long list cost it little.
 */
public final class IdLookups {

    public static final int PER_QUERY = 250;

    private IdLookups() {
    }

    /** The documents of {@code collection} whose {@code field} is one of {@code keys}, in no particular order. */
    public static <T> List<T> find(MongoCollection<T> collection, String field, Collection<?> keys) {
        return find(collection, field, keys, null);
    }

    /** The same, each document with only the fields of {@code projection} (all of them if null). */
    public static <T> List<T> find(MongoCollection<T> collection, String field, Collection<?> keys, Bson projection) {
        List<T> found = new ArrayList<>(keys.size());
        List<?> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += PER_QUERY) {
            collection.find(Filters.in(field, all.subList(from, Math.min(all.size(), from + PER_QUERY))))
                    .projection(projection).into(found);
        }
        return found;
    }
}
