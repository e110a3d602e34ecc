package io.candor.query.analytics;

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

/** The firm analytics over HTTP. */
@RestController
@Tag(name = "Firm analytics", description = "Across a firm's candidates: reasons, conversion by source, time to offer, conduct, long searches.")
class AnalyticsController {

    private final AnalyticsQueries queries;
    private final ReadYourWrites readYourWrites;

    AnalyticsController(AnalyticsQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping(path = "/api/firms/{firmId}/analytics", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A firm's analytics across its candidates",
            description = "{firmId, candidates, opportunities, declineReasons {REASON: count} (invitation declines, "
                    + "offer declines and withdrawals together, most frequent first), declineReasonsByKind "
                    + "{invitations, offers, withdrawals}, cancellationReasons {REASON: count}, conversionBySource "
                    + "{SOURCE: {opportunities, interviewed (an interview attended), offers, accepted, rate (offers / "
                    + "opportunities)}}, timeToOffer {count, medianDays, meanDays} (invitation received to first offer), "
                    + "conduct {cancellations, reschedules, medianNoticeLeadTimeHours and lateNotices (under 24 h) over "
                    + "cancellations and reschedules, noShows (interviews missed), opportunitiesWithMessages, "
                    + "opportunitiesThroughInvitationChannel, channelConsistency (the share of opportunities with a message "
                    + "from the candidate whose every message went through the channel of the invitation; SAME_CHANNEL "
                    + "holds messages to the channel agreed last, which scheduling may have changed)}, longSearches "
                    + "[{candidateId, weeksActive (a running search counts to now), searching, interviews, "
                    + "interviewsPerWeek}] longest first}. A share or a median with nothing to measure is null. "
                    + "Candidates registered without a firm are under `independent`. 404 if the firm has no "
                    + "candidate. " + ReadYourWrites.DESCRIPTION)
    AnalyticsQueries.FirmAnalytics analytics(@PathVariable String firmId,
                                             @Parameter(description = ReadYourWrites.DESCRIPTION)
                                             @RequestParam(name = ReadYourWrites.PARAMETER, required = false) List<String> waitFor,
                                             @Parameter(description = ReadYourWrites.DESCRIPTION)
                                             @RequestHeader(name = ReadYourWrites.HEADER, required = false) String waitForHeader) {
        readYourWrites.await(waitFor, waitForHeader, AnalyticsProjection.VIEW);
        return queries.firm(firmId);
    }
}
