package io.candor.query.contacts;

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

/** The network contacts view over HTTP. */
@RestController
@Tag(name = "Network contacts", description = "Everyone met, warm or at-risk bridges, follow-ups due.")
class ContactsController {

    private final ContactsQueries queries;
    private final ReadYourWrites readYourWrites;

    ContactsController(ContactsQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping(path = "/api/candidates/{id}/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A candidate's network contacts",
            description = "{candidateId, contacts: [{name, email, title, roles, companies, metAt (first), where {company, "
                    + "opportunityId}, interactions [{opportunityId, company, kind, at, note}], bridge (WARM | AT_RISK), "
                    + "riskCauses [NO_SHOW | LATE_NOTICE | WITHDREW_WITHOUT_THANKS], risks [{cause, opportunityId, "
                    + "company, at}], followUps [{kind (THANK_INTERVIEWER | TELL_REFERRER | KEEP_IN_TOUCH), "
                    + "opportunityId, company, dueAt, reason}]}], followUpsDue [the follow-ups whose dueAt has come, "
                    + "with the contact]}. 404 if the candidate is unknown. " + ReadYourWrites.DESCRIPTION)
    ContactsQueries.Contacts contacts(@PathVariable String id,
                                      @Parameter(description = ReadYourWrites.DESCRIPTION)
                                      @RequestParam(name = ReadYourWrites.PARAMETER, required = false) List<String> waitFor,
                                      @Parameter(description = ReadYourWrites.DESCRIPTION)
                                      @RequestHeader(name = ReadYourWrites.HEADER, required = false) String waitForHeader) {
        readYourWrites.await(waitFor, waitForHeader, ContactsProjection.VIEW);
        return queries.contacts(id);
    }
}
