package io.candor.query.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.candor.query.support.QueryBadRequestException;
import io.candor.query.support.ReadYourWrites;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The audit timeline over HTTP, as JSON, or exported as JSON Lines or CSV. */
@RestController
@Tag(name = "Audit timeline", description = "A candidate's full history on two clocks: when things happened, when they were recorded.")
class TimelineController {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv;charset=UTF-8";
    /** As {@link TimelineCsv#COLUMNS}; a test keeps the two equal. */
    static final String CSV_COLUMNS = "recordedAt, happenedAt, recordedBy, recordedByFirm, correlationId, eventId, "
            + "type, aggregateId, sequence, opportunityId, company, role, stage, summary, details";
    private static final String CLOCKS = "`asOf` (ISO-8601 instant): only events that HAPPENED at or before it (their own "
            + "instant: receivedAt, agreedAt, attendedAt, notifiedAt, declinedAt…), i.e. the state as it was then; "
            + "`knownAt`: only events RECORDED at or before it, i.e. the record as it stood then (for auditors). Both "
            + "optional and combinable; a malformed one is a 400 naming the field. ";

    private final TimelineQueries queries;
    private final ReadYourWrites readYourWrites;
    private final ObjectMapper objectMapper;

    TimelineController(TimelineQueries queries, ReadYourWrites readYourWrites, ObjectMapper objectMapper) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.objectMapper = objectMapper;
    }

    @GetMapping(path = "/api/candidates/{id}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A candidate's audit timeline",
            description = "{candidateId, asOf, knownAt, entries [{eventId, type, aggregateId, sequence, opportunityId, "
                    + "company, role, happenedAt, recordedAt, recordedBy (the signed-in user who sent the command, else anonymous), recordedByFirm (their firm), correlationId, "
                    + "summary, details}], state {opportunities [{opportunityId, company, role, stage}], searchActive, "
                    + "employed}} where state folds the selected entries. " + CLOCKS + "404 if the candidate is unknown. "
                    + ReadYourWrites.DESCRIPTION)
    TimelineQueries.Timeline timeline(@PathVariable String id,
                                      @Parameter(description = "ISO-8601 instant: the state as it was then (by when things happened)")
                                      @RequestParam(required = false) String asOf,
                                      @Parameter(description = "ISO-8601 instant: the record as it stood then (by when things were recorded)")
                                      @RequestParam(required = false) String knownAt,
                                      @Parameter(description = ReadYourWrites.DESCRIPTION)
                                      @RequestParam(name = ReadYourWrites.PARAMETER, required = false) List<String> waitFor,
                                      @Parameter(description = ReadYourWrites.DESCRIPTION)
                                      @RequestHeader(name = ReadYourWrites.HEADER, required = false) String waitForHeader) {
        Instant asOfInstant = instant("asOf", asOf);
        Instant knownAtInstant = instant("knownAt", knownAt);
        readYourWrites.await(waitFor, waitForHeader, TimelineProjection.VIEW);
        return queries.timeline(id, asOfInstant, knownAtInstant);
    }

    @GetMapping(path = "/api/candidates/{id}/timeline/export")
    @Operation(summary = "Export a candidate's audit timeline as JSON Lines or CSV",
            description = "`format=jsonl` (the default; application/x-ndjson): one timeline entry (as in GET …/timeline) "
                    + "per line, in the same order. `format=csv` (text/csv, RFC 4180): a header line, then one line per "
                    + "entry with the columns " + CSV_COLUMNS + "; details as a JSON cell; a cell that a spreadsheet would "
                    + "take for a formula is prefixed with an apostrophe. Another format is a 400. " + CLOCKS
                    + "404 if the candidate is unknown. " + ReadYourWrites.DESCRIPTION)
    ResponseEntity<String> export(@PathVariable String id,
                                  @Parameter(description = "jsonl (default) or csv")
                                  @RequestParam(required = false) String format,
                                  @RequestParam(required = false) String asOf,
                                  @RequestParam(required = false) String knownAt,
                                  @Parameter(description = ReadYourWrites.DESCRIPTION)
                                  @RequestParam(name = ReadYourWrites.PARAMETER, required = false) List<String> waitFor,
                                  @Parameter(description = ReadYourWrites.DESCRIPTION)
                                  @RequestHeader(name = ReadYourWrites.HEADER, required = false) String waitForHeader)
            throws JsonProcessingException {
        boolean csv = exportFormat(format);
        Instant asOfInstant = instant("asOf", asOf);
        Instant knownAtInstant = instant("knownAt", knownAt);
        readYourWrites.await(waitFor, waitForHeader, TimelineProjection.VIEW);
        List<TimelineEntry> entries = queries.timeline(id, asOfInstant, knownAtInstant).entries();
        String body;
        if (csv) {
            body = TimelineCsv.of(entries, objectMapper);
        } else {
            StringBuilder lines = new StringBuilder();
            for (TimelineEntry entry : entries) {
                lines.append(objectMapper.writeValueAsString(entry)).append('\n');
            }
            body = lines.toString();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(csv ? CSV : NDJSON))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"timeline-" + safe(id) + (csv ? ".csv" : ".jsonl") + "\"")
                .body(body);
    }

    /** True for CSV, false for JSON Lines. */
    private static boolean exportFormat(String format) {
        if (format == null || format.isBlank() || format.equalsIgnoreCase("jsonl") || format.equalsIgnoreCase("ndjson")) {
            return false;
        }
        if (format.equalsIgnoreCase("csv")) {
            return true;
        }
        throw new QueryBadRequestException("format", "must be jsonl or csv");
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw new QueryBadRequestException(field, "must be an ISO-8601 instant such as 2026-03-01T09:00:00Z");
            }
        }
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
