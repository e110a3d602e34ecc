package io.candor.query.support;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ViewDocumentCacheTest {

    private final ViewDocumentCache cache = new ViewDocumentCache(100);

    private static ViewDocumentCache.Entry entry(int bytes) {
        return new ViewDocumentCache.Entry(new Object(), new Document(), "v", bytes, bytes, null);
    }

    @Test
    void beyondItsBudget_theLeastRecentlyUsedDocumentsGoFirst() {
        cache.put("a", entry(40));
        cache.put("b", entry(40));
        ViewDocumentCache.Entry a = cache.take("a");
        cache.put("a", a); // used again: now the most recent

        cache.put("c", entry(40));

        assertThat(cache.holds("b")).as("the least recently used").isFalse();
        assertThat(cache.holds("a")).isTrue();
        assertThat(cache.holds("c")).isTrue();
    }

    @Test
    void aDocumentTaken_isNoLongerThere_untilItIsPutBack() {
        ViewDocumentCache.Entry entry = entry(10);
        cache.put("a", entry);

        assertThat(cache.take("a")).isSameAs(entry);
        assertThat(cache.take("a")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aDocumentLargerThanTheBudget_isNotKept() {
        cache.put("a", entry(40));

        cache.put("huge", entry(101));

        assertThat(cache.size()).isZero();
    }
}
