package io.candor.query.integrity;

import io.candor.query.support.ReadYourWrites;
import io.candor.query.timeline.TimelineQueries;
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

/** Tamper evidence over HTTP. */
@RestController
@Tag(name = "Audit timeline")
class IntegrityController {

    private final CandidateIntegrity integrity;
    private final ReadYourWrites readYourWrites;

    IntegrityController(CandidateIntegrity integrity, ReadYourWrites readYourWrites) {
        this.integrity = integrity;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping(path = "/api/candidates/{id}/integrity", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Verify a candidate's history against its hash chains",
            description = "Every stored event carries a SHA-256 hash over its content and the hash of the event before "
                    + "it in its aggregate. This reads the candidate's events as stored and answers {candidateId, intact, "
                    + "events, sealed, firstBrokenLink {aggregateId, sequence, eventIdentifier, recordedAt, problem "
                    + "(ALTERED, RELINKED, MISSING, REPLACED, UNSEALED), detail}, chains [{aggregateId, kind, events, "
                    + "sealed, intact, firstBrokenLink}]}. 200 whether intact or not; 404 if the candidate is unknown. "
                    + "Events stored before sealing began count in events, not in sealed. " + ReadYourWrites.DESCRIPTION)
    CandidateIntegrity.Report verify(@PathVariable String id,
                                     @Parameter(description = ReadYourWrites.DESCRIPTION)
                                     @RequestParam(name = ReadYourWrites.PARAMETER, required = false) List<String> waitFor,
                                     @Parameter(description = ReadYourWrites.DESCRIPTION)
                                     @RequestHeader(name = ReadYourWrites.HEADER, required = false) String waitForHeader) {
        readYourWrites.await(waitFor, waitForHeader, TimelineQueries.VIEW);
        return integrity.verify(id);
    }
}
