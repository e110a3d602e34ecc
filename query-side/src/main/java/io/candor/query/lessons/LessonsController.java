package io.candor.query.lessons;

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

/** The lessons-learned view over HTTP. */
@RestController
@Tag(name = "Lessons learned", description = "Questions asked, résumé parts to fix, insights, red flags, practice, surprises.")
class LessonsController {

    private final LessonsQueries queries;
    private final ReadYourWrites readYourWrites;

    LessonsController(LessonsQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping(path = "/api/candidates/{id}/lessons", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A candidate's lessons learned",
            description = "{candidateId, questions [{text, count, askedAt [{company, opportunityId, at}]}] most frequent "
                    + "first (grouped by normalised text), resumeClarifications, insights, redFlags (RED_FLAG lessons and "
                    + "company signals known up front), skillGaps, selfPresentation (each [{text, company, opportunityId, "
                    + "at, source}]), practiceInterviews (attended while NOT_INTERESTED or found NOT_A_FIT), surprises "
                    + "(began UNSURE or NOT_INTERESTED, reached an offer), lessons [{category, text, company, "
                    + "opportunityId, at}]}. 404 if the candidate is unknown. " + ReadYourWrites.DESCRIPTION)
    LessonsQueries.Lessons lessons(@PathVariable String id,
                                   @Parameter(description = ReadYourWrites.DESCRIPTION)
                                   @RequestParam(name = ReadYourWrites.PARAMETER, required = false) List<String> waitFor,
                                   @Parameter(description = ReadYourWrites.DESCRIPTION)
                                   @RequestHeader(name = ReadYourWrites.HEADER, required = false) String waitForHeader) {
        readYourWrites.await(waitFor, waitForHeader, LessonsProjection.VIEW);
        return queries.lessons(id);
    }
}
