package io.candor.query.timeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.candor.infrastructure.IdLookups;
import io.candor.query.support.AppliedPositions;
import io.candor.query.support.ViewBatch;
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
 * guard are written in one document and applying an event twice changes nothing.
 * <p>
 * A candidate's timeline is read in one query of the open page and one of its closed pages by {@code _id}: a few
 * documents instead of one per event, which on the embedded server cost an index lookup each and a match of every
 * document against every listed id (measured: 102 entries of one candidate, about half the query's time).
 */
final class TimelinePages {

    /** The most entries in one page: about 40 KB of BSON, read and written again with each new entry. */
    static final int PAGE_ENTRIES = 50;

    private final MongoCollection<Document> pages;

    TimelinePages(MongoCollection<Document> pages) {
        this.pages = Objects.requireNonNull(pages);
    }

    /** The page that takes new entries, with the candidate's guard. */
    static class OpenPage extends AppliedPositions {
        public List<TimelineEntry> entries = new ArrayList<>();
        public int closedPages;
    }

    /** A full page, as moved out of the open one. */
    static class ClosedPage {
        public List<TimelineEntry> entries = new ArrayList<>();
    }

    static String closedPageId(String candidateId, int number) {
        return candidateId + "/" + number;
    }

    /**
     * Adds {@code entry}, sequence {@code sequence} of {@code aggregateId}, to the candidate's timeline unless it has
     * it already; whether it was added.
     */
    boolean add(ViewBatch batch, String candidateId, String aggregateId, long sequence, TimelineEntry entry) {
        OpenPage open = batch.find(pages, candidateId, OpenPage.class);
        if (open == null) {
            open = new OpenPage();
        }
        if (open.hasApplied(aggregateId, sequence)) {
            return false;
        }
        if (open.entries.size() >= PAGE_ENTRIES) {
            ClosedPage closed = new ClosedPage();
            closed.entries = open.entries;
            open.closedPages++;
            batch.replace(pages, closedPageId(candidateId, open.closedPages), closed);
            open.entries = new ArrayList<>();
        }
        open.entries.add(entry);
        open.markApplied(aggregateId, sequence);
        batch.replace(pages, candidateId, open);
        return true;
    }

    /** Removes {@code fields} from the details of every entry of the candidate's timeline. */
    void removeDetails(ViewBatch batch, String candidateId, Collection<String> fields) {
        OpenPage open = batch.find(pages, candidateId, OpenPage.class);
        if (open == null) {
            return;
        }
        open.entries.forEach(entry -> removeDetails(entry, fields));
        batch.replace(pages, candidateId, open);
        for (int number = 1; number <= open.closedPages; number++) {
            String id = closedPageId(candidateId, number);
            ClosedPage closed = batch.find(pages, id, ClosedPage.class);
            if (closed != null) {
                closed.entries.forEach(entry -> removeDetails(entry, fields));
                batch.replace(pages, id, closed);
            }
        }
    }

    private static void removeDetails(TimelineEntry entry, Collection<String> fields) {
        if (entry.details != null) {
            entry.details.keySet().removeAll(fields);
        }
    }

    /** Every entry of the candidate's timeline, in no particular order; empty if the view has none. */
    List<TimelineEntry> entriesOf(String candidateId) {
        Document open = pages.find(Filters.eq("_id", candidateId)).projection(Projections.exclude("applied")).first();
        if (open == null) {
            return List.of();
        }
        List<TimelineEntry> entries = new ArrayList<>();
        int closedPages = open.getInteger("closedPages", 0);
        if (closedPages > 0) {
            List<String> ids = IntStream.rangeClosed(1, closedPages).mapToObj(n -> closedPageId(candidateId, n)).toList();
            for (Document closed : IdLookups.find(pages, "_id", ids)) {
                entries.addAll(ViewDocuments.fromDocument(closed, ClosedPage.class).entries);
            }
        }
        entries.addAll(ViewDocuments.fromDocument(open, ClosedPage.class).entries);
        return entries;
    }

    /** Forgets every page, before a replay rebuilds them. */
    void clear() {
        pages.deleteMany(new Document());
    }
}
