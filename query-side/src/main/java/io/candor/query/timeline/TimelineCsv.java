package io.candor.query.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * A timeline as CSV (RFC 4180): a header line, then one line per entry in timeline order; the event's details as
 * one JSON cell. Cells are quoted when they hold a comma, a quote or a line break. A cell that a spreadsheet would
 * read as a formula (starting with {@code = + - @}, a tab or a carriage return) is prefixed with an apostrophe, so
 * that opening an export never runs what someone typed into a message.
 */
final class TimelineCsv {

    static final List<String> COLUMNS = List.of("recordedAt", "happenedAt", "recordedBy", "recordedByFirm", "correlationId", "eventId",
            "type", "aggregateId", "sequence", "opportunityId", "company", "role", "stage", "summary", "details");

    private TimelineCsv() {
    }

    static String of(List<TimelineEntry> entries, ObjectMapper json) throws JsonProcessingException {
        StringBuilder csv = new StringBuilder();
        line(csv, COLUMNS);
        for (TimelineEntry entry : entries) {
            line(csv, List.of(text(entry.recordedAt), text(entry.happenedAt), text(entry.recordedBy),
                    text(entry.recordedByFirm),
                    text(entry.correlationId), text(entry.eventId), text(entry.type), text(entry.aggregateId),
                    Long.toString(entry.sequence), text(entry.opportunityId), text(entry.company), text(entry.role),
                    text(entry.stage), text(entry.summary),
                    entry.details == null ? "" : json.writeValueAsString(entry.details)));
        }
        return csv.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
