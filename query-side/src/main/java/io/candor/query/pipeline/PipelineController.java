package io.candor.query.pipeline;

import io.candor.query.candidates.CandidateDirectory;
import io.candor.query.support.ReadYourWrites;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The pipeline view over HTTP: one opportunity, a candidate's pipeline, their funnel. */
@RestController
@Tag(name = "Pipeline", description = "Each opportunity's stage and history, the funnel by furthest stage reached, time in stage.")
class PipelineController {

    private final PipelineQueries queries;
    private final CandidateDirectory directory;
    private final ReadYourWrites readYourWrites;

    PipelineController(PipelineQueries queries, CandidateDirectory directory, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.directory = directory;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping(path = "/api/opportunities/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One opportunity",
            description = "Company, role, source, channel, interest, stage, round, furthestStage, scheduledFor, offer, "
                    + "history [{event, stage, round, at (when it happened), recordedAt, sequence}], timeInStage "
                    + "[{stage, from, to, duration, seconds}] (an open stage runs to now), alternativeTo, alternatives, "
                    + "companySignals, referrer. 404 if unknown. " + ReadYourWrites.DESCRIPTION)
    OpportunityView opportunity(@PathVariable String id,
                                @Parameter(description = ReadYourWrites.DESCRIPTION)
                                @RequestParam(name = ReadYourWrites.PARAMETER, required = false) List<String> waitFor,
                                @Parameter(description = ReadYourWrites.DESCRIPTION)
                                @RequestHeader(name = ReadYourWrites.HEADER, required = false) String waitForHeader) {
        readYourWrites.await(waitFor, waitForHeader, PipelineProjection.VIEW);
        return queries.opportunity(id);
    }

    @GetMapping(path = "/api/candidates/{id}/pipeline", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "All opportunities of a candidate",
            description = "{candidateId, opportunities: [the same bodies as GET /api/opportunities/{id}]}, by the time "
                    + "the invitation was received. 404 if the candidate is unknown. " + ReadYourWrites.DESCRIPTION)
    PipelineQueries.Pipeline pipeline(@PathVariable String id,
                                      @Parameter(description = ReadYourWrites.DESCRIPTION)
                                      @RequestParam(name = ReadYourWrites.PARAMETER, required = false) List<String> waitFor,
                                      @Parameter(description = ReadYourWrites.DESCRIPTION)
                                      @RequestHeader(name = ReadYourWrites.HEADER, required = false) String waitForHeader) {
        readYourWrites.await(waitFor, waitForHeader, PipelineProjection.VIEW);
        directory.requireKnown(id);
        return queries.pipeline(id);
    }

    @GetMapping(path = "/api/candidates/{id}/funnel", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The funnel, by furthest stage reached",
            description = "Counts by the FURTHEST stage each opportunity reached, not its current status, along "
                    + "INVITED < SCHEDULED < ATTENDED < OFFERED < OFFER_ACCEPTED (the other ends do not advance): "
                    + "{candidateId, total, reached (at least that far), furthest (exactly that far), outcomes (current "
                    + "ends), open, timeInStage {STAGE: {runs, average, averageSeconds}}}. 404 if the candidate is "
                    + "unknown. " + ReadYourWrites.DESCRIPTION)
    PipelineQueries.Funnel funnel(@PathVariable String id,
                                  @Parameter(description = ReadYourWrites.DESCRIPTION)
                                  @RequestParam(name = ReadYourWrites.PARAMETER, required = false) List<String> waitFor,
                                  @Parameter(description = ReadYourWrites.DESCRIPTION)
                                  @RequestHeader(name = ReadYourWrites.HEADER, required = false) String waitForHeader) {
        readYourWrites.await(waitFor, waitForHeader, PipelineProjection.VIEW);
        directory.requireKnown(id);
        return queries.funnel(id);
    }
}
