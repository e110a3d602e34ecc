package io.candor.standalone.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.candor.standalone.sample.CandorHttp.body;

/**
 * The stories of the seed articles, told to Candor through its REST API. Each returns the ids it created so a
 * test can look at the views. All instants are offsets from {@code start}, so a story can be told as history.
 */
public final class SeedStories {

    /** The name under which {@link #loadAll()} registers the sample candidate. */
    public static final String SAMPLE_CANDIDATE = "Jordan Rivera";

    /** The opportunity that was not wanted, and the better position the employer proposed instead (seed 002). */
    public record BetterPosition(String original, String alternative) {
    }

    /** The recruiter who represents several companies (seed 001, point 4). */
    public record SharedRecruiter(String notAFit, String rejected) {
    }

    private final CandorHttp http;
    private final Instant start;

    public SeedStories(CandorHttp http, Instant start) {
        this.http = http;
        this.start = start;
    }

    public String registerCandidate(String displayName, String email, boolean employed) {
        return http.command("/api/candidates", body("displayName", displayName, "email", email,
                "employed", employed, "registeredAt", at(0))).path("id").asText();
    }

    /**
     * Seeds 002 and 003: invited to an interview the candidate was unsure about, they took it anyway; after two
     * rounds the employer proposed a different position, which ended in an accepted offer.
     */
    public BetterPosition interviewNotWantedTurnsIntoBetterPosition(String candidate) {
        String original = invitation(candidate, body("company", "Northwind Logistics", "role", "Data Analyst",
                "source", "REFERRAL", "channel", "EMAIL", "receivedAt", at(1), "interest", "UNSURE",
                "referrer", body("name", "Priya Shah", "email", "priya.shah@example.org")));
        schedule(original, at(5), "EMAIL", at(2));
        attend(original, 1, at(5), List.of(interviewer("Alex Chen", "alex.chen@northwind.example", "Head of Data",
                        "HIRING_MANAGER")),
                List.of("Tell me about a time you disagreed with a stakeholder.", "Why are you leaving your current role?"),
                List.of("What did the platform modernisation at Contoso involve?"),
                List.of("Logistics firms are hiring analytics engineers rather than analysts"), "UNSURE");
        schedule(original, at(12), "EMAIL", at(6));
        attend(original, 2, at(12), List.of(interviewer("Rita Gomez", "rita.gomez@northwind.example",
                        "VP Operations", "EXECUTIVE")),
                List.of("Why are you leaving your current role?"), List.of(), List.of(), "NOT_A_FIT");
        String alternative = http.command("/api/opportunities/" + original + "/alternative-position",
                body("role", "Analytics Engineering Lead", "proposedAt", at(13))).path("id").asText();
        lesson(original, "RESUME_CLARITY", "Spell out the modernisation project's scope and results");
        schedule(alternative, at(20), "EMAIL", at(14));
        attend(alternative, 1, at(20), List.of(interviewer("Alex Chen", "alex.chen@northwind.example",
                        "Head of Data", "HIRING_MANAGER")),
                List.of("How would you design our metrics layer?"), List.of(), List.of(), "GOOD");
        http.command("/api/opportunities/" + alternative + "/offer", body("salary", 118000, "currency", "EUR",
                "respondBy", at(30), "receivedAt", at(22)));
        http.command("/api/opportunities/" + alternative + "/offer/accept", body("acceptedAt", at(24)));
        return new BetterPosition(original, alternative);
    }

    /**
     * Seed 001: an interview agreed, then cancelled because the candidate accepted another offer, through the
     * channel used so far, with thanks, two days before it. Needs an accepted offer elsewhere first.
     */
    public String cancellationAfterAcceptingAnotherOffer(String candidate) {
        String opportunity = invitation(candidate, body("company", "Contoso Health", "role", "Senior Analyst",
                "source", "DIRECT", "channel", "EMAIL", "receivedAt", at(18), "interest", "INTERESTED"));
        schedule(opportunity, at(27), "EMAIL", at(19));
        http.command("/api/opportunities/" + opportunity + "/interviews/1/cancel", body(
                "reason", "ACCEPTED_OTHER_OFFER", "channel", "EMAIL",
                "message", "Thank you for your interest and your time. I have accepted another position, "
                        + "so I must cancel our interview; I would be glad to stay in touch.",
                "decidedAt", at(24), "notifiedAt", at(25)));
        return opportunity;
    }

    /**
     * Seeds 003 and 004, with seed 000's win/win: an invitation the candidate was unsure about, declined anyway
     * (the seeds advise taking it), referring a former colleague who fits better.
     */
    public String unsureDecline(String candidate) {
        String opportunity = invitation(candidate, body("company", "Fabrikam Bank", "role", "Associate Analyst",
                "source", "RECRUITER", "channel", "PHONE", "receivedAt", at(3), "interest", "UNSURE",
                "companySignals", List.of("ACQUISITION")));
        http.command("/api/opportunities/" + opportunity + "/decline", body(
                "reason", "SENIORITY_MISMATCH", "certainty", "UNSURE", "channel", "PHONE",
                "message", "Thank you for calling. The role is a step back in seniority for me right now; "
                        + "a former colleague, Sam Ortiz, may be a great fit.",
                "referredCandidate", body("name", "Sam Ortiz", "email", "sam.ortiz@example.org"),
                "decidedAt", at(4), "notifiedAt", at(4)));
        lesson(opportunity, "MARKET_INSIGHT", "Banks are consolidating analytics teams after acquisitions");
        return opportunity;
    }

    /**
     * Seed 001, point 4, and seed 000: one recruiter, two companies. At the first the candidate realised midway
     * that the role was not a fit, saw the interview through and withdrew with thanks; the second said no.
     */
    public SharedRecruiter recruiterWithSeveralCompanies(String candidate) {
        Map<String, Object> recruiter = body("name", "Morgan Lee", "email", "morgan.lee@talentbridge.example");
        String notAFit = invitation(candidate, body("company", "Litware", "role", "BI Developer",
                "source", "RECRUITER", "channel", "PHONE", "receivedAt", at(6), "interest", "INTERESTED",
                "referrer", recruiter));
        schedule(notAFit, at(9), "PHONE", at(7));
        attend(notAFit, 1, at(9), List.of(interviewer("Chris Novak", "chris.novak@litware.example",
                        "Engineering Manager", "HIRING_MANAGER")),
                List.of("Why are you leaving your current role?", "Walk me through a dashboard you are proud of."),
                List.of(), List.of("BI roles now expect dbt"), "NOT_A_FIT");
        http.command("/api/opportunities/" + notAFit + "/withdrawal", body("reason", "FIT", "channel", "PHONE",
                "message", "Thank you for your time today. I have realised the role and I are not the right fit "
                        + "right now, and I appreciate the conversation.",
                "withdrawnAt", at(10)));

        String rejected = invitation(candidate, body("company", "Adventure Works", "role", "Reporting Lead",
                "source", "RECRUITER", "channel", "PHONE", "receivedAt", at(8), "interest", "INTERESTED",
                "referrer", recruiter));
        schedule(rejected, at(11), "PHONE", at(8));
        attend(rejected, 1, at(11), List.of(interviewer("Jun Park", "jun.park@adventure-works.example",
                        "Director of Finance", "HIRING_MANAGER")),
                List.of("Why are you leaving your current role?"), List.of("Which of these reports did you own?"),
                List.of(), "GOOD");
        http.command("/api/opportunities/" + rejected + "/rejection",
                body("feedback", "Looking for deeper SQL Server experience", "rejectedAt", at(15)));
        lesson(rejected, "SKILL_GAP", "Deepen SQL Server experience");
        return new SharedRecruiter(notAFit, rejected);
    }

    /** Loads all the stories for one candidate; returns the candidate's id. */
    public String loadAll() {
        String candidate = registerCandidate(SAMPLE_CANDIDATE, "jordan.rivera@example.org", true);
        unsureDecline(candidate);
        recruiterWithSeveralCompanies(candidate);
        interviewNotWantedTurnsIntoBetterPosition(candidate);
        cancellationAfterAcceptingAnotherOffer(candidate);
        return candidate;
    }

    private String invitation(String candidate, Map<String, Object> body) {
        return http.command("/api/candidates/" + candidate + "/opportunities", body).path("id").asText();
    }

    private void schedule(String opportunity, String scheduledFor, String channel, String agreedAt) {
        http.command("/api/opportunities/" + opportunity + "/interviews",
                body("scheduledFor", scheduledFor, "channel", channel, "agreedAt", agreedAt));
    }

    private void attend(String opportunity, int round, String attendedAt, List<Map<String, Object>> interviewers,
                        List<String> questions, List<String> resumeClarifications, List<String> insights, String fit) {
        http.command("/api/opportunities/" + opportunity + "/interviews/" + round + "/attendance",
                body("attendedAt", attendedAt, "interviewers", interviewers, "questions", questions,
                        "resumeClarifications", resumeClarifications, "insights", insights, "fit", fit));
    }

    private void lesson(String opportunity, String category, String text) {
        http.command("/api/opportunities/" + opportunity + "/lessons", body("category", category, "text", text));
    }

    private static Map<String, Object> interviewer(String name, String email, String title, String role) {
        return body("name", name, "email", email, "title", title, "role", role);
    }

    /** The instant {@code days} days after the start of the search, as ISO-8601 text. */
    public String at(int days) {
        return start.plus(Duration.ofDays(days)).toString();
    }
}
