package io.candor.query.candidates;

import io.candor.query.support.ReadYourWrites;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** The candidates directory over HTTP. */
@RestController
@RequestMapping(path = "/api/candidates", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Candidates (query)", description = "Who is tracked: registered candidates, employed or not, searching or not.")
class CandidatesController {

    private final CandidateDirectory directory;
    private final ReadYourWrites readYourWrites;

    CandidatesController(CandidateDirectory directory, ReadYourWrites readYourWrites) {
        this.directory = directory;
        this.readYourWrites = readYourWrites;
    }

    /** One line of the directory. */
    record CandidateSummary(String id, String displayName, boolean employed, boolean searchActive,
                            long opportunities, Instant registeredAt) {
    }

    /** The directory. */
    record CandidateList(List<CandidateSummary> candidates) {
    }

    @GetMapping
    @Operation(summary = "All registered candidates",
            description = "Each with id, displayName, employed, searchActive and the number of opportunities. "
                    + ReadYourWrites.DESCRIPTION)
    CandidateList candidates(@Parameter(description = ReadYourWrites.DESCRIPTION)
                             @RequestParam(name = ReadYourWrites.PARAMETER, required = false) List<String> waitFor,
                             @Parameter(description = ReadYourWrites.DESCRIPTION)
                             @RequestHeader(name = ReadYourWrites.HEADER, required = false) String waitForHeader) {
        readYourWrites.await(waitFor, waitForHeader, CandidateDirectory.VIEW);
        return new CandidateList(directory.all().stream()
                .map(view -> new CandidateSummary(view.id, view.displayName, view.employed, view.searchActive,
                        view.opportunities, view.registeredAt))
                .toList());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One candidate",
            description = "Employment, search status, job-search team and opportunity count; 404 if unknown. "
                    + ReadYourWrites.DESCRIPTION)
    CandidateView candidate(@PathVariable String id,
                            @Parameter(description = ReadYourWrites.DESCRIPTION)
                            @RequestParam(name = ReadYourWrites.PARAMETER, required = false) List<String> waitFor,
                            @Parameter(description = ReadYourWrites.DESCRIPTION)
                            @RequestHeader(name = ReadYourWrites.HEADER, required = false) String waitForHeader) {
        readYourWrites.await(waitFor, waitForHeader, CandidateDirectory.VIEW);
        return directory.get(id);
    }
}
