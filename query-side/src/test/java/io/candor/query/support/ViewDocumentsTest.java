package io.candor.query.support;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ViewDocumentsTest {

    /** A view with the kinds of values the views hold. */
    static class Sample {
        public String name;
        public Instant at;
        public BigDecimal salary;
        public BigDecimal ratio;
        public long big;
        public List<Inner> inner = new ArrayList<>();
    }

    static class Inner {
        public int count;
    }

    @Test
    void aView_isStoredAsJsonLikeValues_andReadBackEqual() {
        Sample sample = new Sample();
        sample.name = "Acme";
        sample.at = Instant.parse("2026-11-23T10:15:30Z");
        sample.salary = new BigDecimal("80000");
        sample.ratio = new BigDecimal("0.75");
        sample.big = 5_000_000_000L;
        Inner inner = new Inner();
        inner.count = 3;
        sample.inner.add(inner);

        Document document = ViewDocuments.toDocument(sample);

        assertThat(document.get("at")).isEqualTo("2026-11-23T10:15:30Z");
        assertThat(document.get("salary")).isEqualTo(80000);
        assertThat(document.get("ratio")).isEqualTo(0.75);
        assertThat(document.get("big")).isEqualTo(5_000_000_000L);
        assertThat(document.getList("inner", Document.class).get(0)).containsEntry("count", 3);
        Sample read = ViewDocuments.fromDocument(document.append("_id", "ignored"), Sample.class);
        assertThat(read).usingRecursiveComparison().isEqualTo(sample);
    }

    /** Nulls stay as keys; a value the views never hold (binary, an embedded object to Jackson) still maps. */
    @Test
    void nullsAndBinaries_mapAsJacksonsMapWouldHaveThem() {
        Sample sample = new Sample();
        Document document = ViewDocuments.toDocument(sample);
        assertThat(document).containsEntry("name", null).containsEntry("at", null).containsKey("inner");

        Document withBinary = ViewDocuments.toDocument(new Binary(new byte[]{1, 2, 3}, "x"));
        assertThat((byte[]) withBinary.get("bytes")).containsExactly(1, 2, 3);
        assertThat(withBinary).containsEntry("text", "x");
    }

    record Binary(byte[] bytes, String text) {
    }
}
