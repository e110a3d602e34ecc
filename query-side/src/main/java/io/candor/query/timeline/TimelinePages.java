package io.candor.query.timeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.candor.infrastructure.IdLookups;
import io.candor.query.support.ViewBatch;
import io.candor.query.support.ViewDocumentCache;
import io.candor.query.support.ViewDocuments;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A candidate's timeline entries, kept in pages of at most {@value #PAGE_ENTRIES}: the open page, {@code _id} = the
 * candidate's id, takes each new entry; when it is full, its entries move to a closed page of their own,
 * {@code _id} = candidate id, {@code /}, the page's number from 1, which no later event changes (an erasure
 * excepted). The open page also keeps the positions the candidate's timeline has applied, so an entry and its
 * guard are written in one document and applying an event twice changes nothing; beside an opportunity's position,
 * the company and role its invitation named, for its later events, which do not carry them. They are read with the
 * page the batch reads anyway: no read and no write of their own.
 * <p>
 * A candidate's timeline is read in one query of the open page and one of its closed pages by {@code _id}: a few
 * documents instead of one per event, which on the embedded server cost an index lookup each and a match of every
 * document against every listed id (measured: 102 entries of one candidate, about half the query's time).
 */
final class TimelinePages {

    /**
     * The most entries in one page: about 20 KB of BSON. The open page is read and written again with each new entry
     * (half full on average), and a timeline of {@code n} entries is {@code n / PAGE_ENTRIES + 1} documents to read.
     */
    static final int PAGE_ENTRIES = 25;

    private static final String ENTRIES = "entries";
    private static final String CLOSED_PAGES = "closedPages";
    private static final String APPLIED = "applied";
    private static final String AGGREGATE_ID = "aggregateId";
    static final String COMPANY = "company";
    static final String ROLE = "role";

    private final MongoCollection<Document> pages;
    /** The open pages as this process last wrote them: each new entry rewrites the open page, a few dozen KB. */
    private final ViewDocumentCache openPages = ViewDocumentCache.sizedForHeap();

    TimelinePages(MongoCollection<Document> pages) {
        this.pages = Objects.requireNonNull(pages);
    }

    /** A page as a query reads it: its entries. */
    static class Page {
        public List<TimelineEntry> entries = new ArrayList<>();
    }

    static String closedPageId(String candidateId, int number) {
        return candidateId + "/" + number;
    }

    /**
     * What the candidate's timeline keeps of {@code aggregateId}: its position and, for an opportunity whose
     * invitation it has applied, its {@value #COMPANY} and {@value #ROLE}. Null if it has applied none of its events.
     */
    Document applied(ViewBatch batch, String candidateId, String aggregateId) {
        Document open = batch.find(pages, candidateId, openPages);
        return open == null ? null : applied(open, aggregateId);
    }

    private static Document applied(Document open, String aggregateId) {
        for (Document position : open.getList(APPLIED, Document.class)) {
            if (aggregateId.equals(position.getString(AGGREGATE_ID))) {
                return position;
            }
        }
        return null;
    }

    /**
     * Adds {@code entry}, sequence {@code sequence} of {@code aggregateId}, to the candidate's timeline unless it has
     * it already; {@code remembered} (null for nothing) is kept beside the aggregate's position, for its later
     * events to read ({@link #applied}). The open page is changed as a document, not mapped to a class and back:
     * only the new entry is mapped, the page's other entries are left as they were read.
     */
    void add(ViewBatch batch, String candidateId, String aggregateId, long sequence, TimelineEntry entry,
             Document remembered) {
        Document open = batch.find(pages, candidateId, openPages);
        if (open == null) {
            open = new Document(APPLIED, new ArrayList<Document>()).append(ENTRIES, new ArrayList<Document>())
                    .append(CLOSED_PAGES, 0);
        }
        Document position = applied(open, aggregateId);
        if (position != null && position.get("sequence", Number.class).longValue() >= sequence) {
            return;
        }
        if (position == null) {
            position = new Document(AGGREGATE_ID, aggregateId).append("sequence", sequence);
            open.getList(APPLIED, Document.class).add(position);
        } else {
            position.put("sequence", sequence);
        }
        if (remembered != null) {
            position.putAll(remembered);
        }
        List<Document> entries = open.getList(ENTRIES, Document.class);
        if (entries.size() >= PAGE_ENTRIES) {
            int closedPages = open.getInteger(CLOSED_PAGES, 0) + 1;
            batch.replace(pages, closedPageId(candidateId, closedPages), new Document(ENTRIES, entries));
            open.put(CLOSED_PAGES, closedPages);
            entries = new ArrayList<>();
            open.put(ENTRIES, entries);
        }
        entries.add(ViewDocuments.toDocument(entry));
        // After the closed page: written after it, a failure between the two leaves the guard where it was and the
        // events are applied again, never a page listed that was not written.
        batch.replace(pages, candidateId, open);
    }

    /**
     * Removes {@code fields} from the details of every entry of the candidate's timeline: the closed pages, then the
     * open one. Doing it again changes nothing, so it is done for each delivery of an erasure, applied before or not.
     */
    void removeDetails(ViewBatch batch, String candidateId, Collection<String> fields) {
        Document open = batch.find(pages, candidateId, openPages);
        if (open == null) {
            return;
        }
        for (int number = 1; number <= open.getInteger(CLOSED_PAGES, 0); number++) {
            String id = closedPageId(candidateId, number);
            Document closed = batch.find(pages, id);
            if (closed != null) {
                removeDetails(closed, fields);
                batch.replace(pages, id, closed);
            }
        }
        removeDetails(open, fields);
        batch.replace(pages, candidateId, open);
    }

    private static void removeDetails(Document page, Collection<String> fields) {
        for (Document entry : page.getList(ENTRIES, Document.class)) {
            Document details = entry.get("details", Document.class);
            if (details != null) {
                details.keySet().removeAll(fields);
            }
        }
    }

    /** Every entry of the candidate's timeline, in no particular order; empty if the view has none. */
    List<TimelineEntry> entriesOf(String candidateId) {
        Document open = pages.find(Filters.eq("_id", candidateId)).projection(Projections.exclude(APPLIED)).first();
        if (open == null) {
            return List.of();
        }
        List<TimelineEntry> entries = new ArrayList<>();
        int closedPages = open.getInteger(CLOSED_PAGES, 0);
        if (closedPages > 0) {
            List<String> ids = IntStream.rangeClosed(1, closedPages).mapToObj(n -> closedPageId(candidateId, n)).toList();
            for (Document closed : IdLookups.find(pages, "_id", ids)) {
                entries.addAll(ViewDocuments.fromDocument(closed, Page.class).entries);
            }
        }
        entries.addAll(ViewDocuments.fromDocument(open, Page.class).entries);
        return entries;
    }

    /** Forgets every page, before a replay rebuilds them. */
    void clear() {
        openPages.clear();
        pages.deleteMany(new Document());
    }
}
