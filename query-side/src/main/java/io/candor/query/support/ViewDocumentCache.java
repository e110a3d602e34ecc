package io.candor.query.support;

import org.bson.Document;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documents of one view collection as this process last wrote them: the view object the projection
 * changes (for a view kept as a document, a copy of the one written), the document it was written as, and the
 * version written with it ({@value #VERSION}). A batch that finds a document here reads nothing from the database:
 * no query, no transfer, no mapping of a candidate's whole history into objects for every batch that touches it. A
 * candidate's contacts, lessons and analytics grow with their search, as do the open page of their timeline (the
 * positions it has applied) and the pipeline's list of their opportunities, and a processor that follows the head
 * handles a batch of one or two events per candidate. A small document is kept too: reading it would cost a round
 * trip as a large one does (under load, a batch's every round trip waits its turn on the shared cores).
 * <p>
 * What this process holds may not be what is stored: another process may have handled the candidate's segment in
 * the meantime (segments move between query sides; a claim lost in a long pause). So every write of a document
 * read from here is conditional on the version it was read at, and each write sets a new one: a document another
 * writer changed since is not overwritten, the batch fails, and is handled again from what is stored.
 * <p>
 * A batch takes a document out ({@link #take}) and gives it back only once its writes succeeded ({@link #put});
 * a failed batch leaves nothing behind that it may have changed. At most {@link #budgetBytes} of documents (their
 * size in BSON when last measured, grown by what was written since, and measured again once that is twice as much:
 * a document written often would otherwise count all it was sent, and leave early) are kept, the least recently
 * used going first.
 */
public final class ViewDocumentCache {

    /** The field holding the version of a document written through a cache. */
    public static final String VERSION = "_v";
    /** The most a view keeps, in BSON, whatever the heap. */
    static final long MOST_BYTES = 32L << 20;
    /**
     * The heap a view's cache may take, as a share of the most the heap may grow to: a document held costs some ten
     * times its BSON (the view object and the document written, measured: a 20 KB timeline page, 100 KB a copy).
     */
    static final int HEAP_SHARE = 256;

    /**
     * What the cache keeps of one document: its size in BSON as estimated ({@code bytes}: as last measured, grown by
     * what was written since) and as last measured, and for a view kept as an object, the parts of {@code written}
     * the next mapping of {@code view} may reuse (null for none).
     */
    record Entry(Object view, Document written, String version, int bytes, int measured, DocumentParts parts) {
    }

    private final long budgetBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    public ViewDocumentCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * A view's cache of {@link #MOST_BYTES} of BSON, or a 256th of the largest heap when that is less (8 MB of BSON
     * in a heap of 2 GB, some 80 MB of it with its objects): about 4% of the heap for each cache at most, a fifth
     * for the five that Candor keeps (the contacts', the lessons', the analytics', the timeline's open pages and the
     * pipeline's lists).
     */
    public static ViewDocumentCache sizedForHeap() {
        return new ViewDocumentCache(Math.min(MOST_BYTES, Runtime.getRuntime().maxMemory() / HEAP_SHARE));
    }

    /** Whether a document with this {@code _id} is here. */
    synchronized boolean holds(String id) {
        return entries.containsKey(id);
    }

    /** The document with this {@code _id}, removed from the cache; null if it is not here. */
    synchronized Entry take(String id) {
        Entry entry = entries.remove(id);
        if (entry != null) {
            bytes -= entry.bytes();
        }
        return entry;
    }

    /** Keeps {@code entry} as the document with this {@code _id}, making room for it. */
    synchronized void put(String id, Entry entry) {
        Entry before = entries.put(id, entry);
        bytes += entry.bytes() - (before == null ? 0 : before.bytes());
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
        while (bytes > budgetBytes && oldest.hasNext()) {
            bytes -= oldest.next().getValue().bytes();
            oldest.remove();
        }
    }

    /** Forgets every document: the view is about to be rebuilt. */
    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    /** Documents held, for tests. */
    synchronized int size() {
        return entries.size();
    }

    /** The size of the documents held, as estimated, for tests. */
    synchronized long bytes() {
        return bytes;
    }
}
