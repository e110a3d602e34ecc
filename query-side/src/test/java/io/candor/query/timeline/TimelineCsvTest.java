package io.candor.query.timeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineCsvTest {

    @Test
    void cellsWithCommasQuotesOrLineBreaks_areQuoted_andQuotesDoubled() {
        assertThat(TimelineCsv.cell("plain")).isEqualTo("plain");
        assertThat(TimelineCsv.cell("Acme, Inc.")).isEqualTo("\"Acme, Inc.\"");
        assertThat(TimelineCsv.cell("say \"thanks\"")).isEqualTo("\"say \"\"thanks\"\"\"");
        assertThat(TimelineCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void cellsASpreadsheetWouldTakeForAFormula_areDefused() {
        assertThat(TimelineCsv.cell("=HYPERLINK(\"http://x\")")).startsWith("\"'=");
        assertThat(TimelineCsv.cell("+1")).isEqualTo("'+1");
        assertThat(TimelineCsv.cell("-1")).isEqualTo("'-1");
        assertThat(TimelineCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(TimelineCsv.cell("2026-03-01T09:00:00Z")).isEqualTo("2026-03-01T09:00:00Z");
    }

    @Test
    void theDocumentedColumns_areTheColumnsWritten() {
        assertThat(TimelineController.CSV_COLUMNS).isEqualTo(String.join(", ", TimelineCsv.COLUMNS));
    }
}
