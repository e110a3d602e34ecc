package io.candor.command.rules;

/**
 * Every rule a command can break. The constant's name is the stable code clients see in a 422's {@code rule}
 * member; the first twelve are the table of PRODUCT.md, the others cover what that table leaves open.
 */
public enum Rule {

    DECLINE_ONLY_BEFORE_AGREEING("An invitation can be declined only while no interview is scheduled; after that it is a cancellation."),
    CANCEL_ONLY_SCHEDULED("Only the round that is scheduled now (not attended, not ended) can be cancelled or rescheduled."),
    NO_BAILING_MID_INTERVIEW("Once the interview's start time has come it cannot be cancelled: record the attendance, then withdraw."),
    SAME_CHANNEL("A decline, cancellation, reschedule, withdrawal or offer decline goes through the channel used so far."),
    REASON_REQUIRED("This command needs a reason; the reason OTHER needs an explanation."),
    ACCEPTABLE_CANCEL_REASON("A cancellation's reason must be ILLNESS, FAMILY_EMERGENCY, WORK_CONFLICT, ACCEPTED_OTHER_OFFER, COMMUTE, PAY_CUT or LOSS_OF_BENEFITS."),
    OTHER_OFFER_MUST_EXIST("The reason ACCEPTED_OTHER_OFFER needs an accepted offer on another opportunity of the same candidate."),
    NO_DEROGATORY_REMARKS("The message may not make derogatory remarks about the company or the role."),
    WITHDRAW_WITH_THANKS("Withdrawing needs at least one attended interview and a message that thanks them for their time."),
    OFFER_NEEDS_INTERVIEW("An offer can be recorded only after an attended interview."),
    OFFER_DECIDED_ONCE("An offer is accepted or declined only while one is open, and only once."),
    ENDED_IS_FINAL("An ended opportunity takes no more pipeline commands (notes, lessons and contacts still can)."),

    INTERVIEW_ALREADY_SCHEDULED("A round is scheduled already: attend, reschedule or cancel it before scheduling the next."),
    OFFER_IS_OPEN("An offer is open: accept or decline it instead."),
    ATTEND_ONLY_SCHEDULED("Only the round that is scheduled now can be attended or missed."),
    SEARCH_ALREADY_ACTIVE("The candidate's job search is already active."),
    NO_ACTIVE_SEARCH("The candidate has no active job search to end."),
    TEAM_MEMBER_ALREADY_ADDED("This person is already on the job-search team."),
    TEAM_MEMBER_UNKNOWN("This person is not on the job-search team."),
    RELEASE_WITH_THANKS("A team member is let go with gratitude for their contribution."),
    CANDIDATE_ERASED("The candidate's personal data was erased; the candidate takes no more commands.");

    private final String description;

    Rule(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
