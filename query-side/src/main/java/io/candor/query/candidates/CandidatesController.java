package io.candor.query.candidates;

import io.candor.query.support.QueryBadRequestException;
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

    /** The directory, or the part of it asked for: {@code total} counts every candidate the caller may see. */
    record CandidateList(List<CandidateSummary> candidates, int total, int offset) {
    }

    /** The most candidates one request may ask for with {@code limit}. */
    static final int MAX_LIMIT = 1_000;

    @GetMapping
    @Operation(summary = "All registered candidates, or a part of them",
            description = "Each with id, displayName, employed, searchActive and the number of opportunities, in the "
                    + "order they registered; total counts them all. With offset and limit (1 to " + MAX_LIMIT + "), "
                    + "only that part of the list (past the end: none, and offset says where the end is). "
                    + ReadYourWrites.DESCRIPTION)
    CandidateList candidates(@Parameter(description = "how many candidates of the list to skip (0 by default)")
                             @RequestParam(required = false) Integer offset,
                             @Parameter(description = "how many candidates to return at most (all by default)")
                             @RequestParam(required = false) Integer limit,
                             @Parameter(description = ReadYourWrites.DESCRIPTION)
                             @RequestParam(name = ReadYourWrites.PARAMETER, required = false) List<String> waitFor,
                             @Parameter(description = ReadYourWrites.DESCRIPTION)
                             @RequestHeader(name = ReadYourWrites.HEADER, required = false) String waitForHeader) {
        if (offset != null && offset < 0) {
            throw new QueryBadRequestException("offset", "must be 0 or more");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new QueryBadRequestException("limit", "must be from 1 to " + MAX_LIMIT);
        }
        readYourWrites.await(waitFor, waitForHeader, CandidateDirectory.VIEW);
        CandidateDirectory.Part part;
        if (offset == null && limit == null) {
            List<CandidateView> all = directory.all();
            part = new CandidateDirectory.Part(all, all.size(), 0);
        } else {
            part = directory.part(offset == null ? 0 : offset, limit == null ? Integer.MAX_VALUE : limit, false);
        }
        return new CandidateList(part.candidates().stream()
                .map(view -> new CandidateSummary(view.id, view.displayName, view.employed, view.searchActive,
                        view.opportunities, view.registeredAt))
                .toList(), part.total(), part.offset());
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
