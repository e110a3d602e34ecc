package io.candor.query.dashboard;

import io.candor.events.Stage;
import io.candor.query.candidates.CandidateDirectory;
import io.candor.query.candidates.CandidateDirectory.Place;
import io.candor.query.candidates.CandidateView;
import io.candor.query.contacts.ContactsQueries;
import io.candor.query.lessons.LessonsQueries;
import io.candor.query.pipeline.OpportunityView;
import io.candor.query.pipeline.PipelineQueries;
import io.candor.query.support.QueryBadRequestException;
import io.candor.query.support.QueryClock;
import io.candor.query.support.QueryNotFoundException;
import io.candor.query.support.ReadYourWrites;
import io.candor.query.support.Stages;
import io.candor.query.timeline.TimelineQueries;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * The dashboard's pages. Each accepts {@code waitFor} like the API does, so the page the browser re-reads after a
 * command already shows it.
 */
@Controller
@Hidden
class DashboardPages {

    /** Candidates on a page of the dashboard's list. */
    static final int CANDIDATES_PER_PAGE = 50;

    private static final List<Stage> OPEN_COLUMNS = List.of(Stage.INVITED, Stage.SCHEDULED, Stage.ATTENDED, Stage.OFFERED);

    private final CandidateDirectory directory;
    private final PipelineQueries pipeline;
    private final ContactsQueries contacts;
    private final LessonsQueries lessons;
    private final TimelineQueries timeline;
    private final ReadYourWrites readYourWrites;
    private final QueryClock clock;

    DashboardPages(CandidateDirectory directory, PipelineQueries pipeline, ContactsQueries contacts,
                   LessonsQueries lessons, TimelineQueries timeline, ReadYourWrites readYourWrites, QueryClock clock) {
        this.directory = directory;
        this.pipeline = pipeline;
        this.contacts = contacts;
        this.lessons = lessons;
        this.timeline = timeline;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    /** One column of the board: the opportunities now in that stage. */
    record Column(Stage stage, List<OpportunityView> cards) {
    }

    /** The unit the time-in-stage chart counts in: the largest that keeps the longest average above 2. */
    enum TimeUnit {
        MINUTES(60, "minutes"), HOURS(3600, "hours"), DAYS(86400, "days");

        private final long seconds;
        private final String label;

        TimeUnit(long seconds, String label) {
            this.seconds = seconds;
            this.label = label;
        }

        static TimeUnit fitting(long longestSeconds) {
            return longestSeconds >= 2 * DAYS.seconds ? DAYS : longestSeconds >= 2 * HOURS.seconds ? HOURS : MINUTES;
        }

        double of(long averageSeconds) {
            return Math.round(averageSeconds * 10.0 / seconds) / 10.0;
        }
    }

    /**
     * The candidates list, newest first, a page at a time: the page reloads itself every 3 s while open, and a firm's
     * thousands of candidates made it hundreds of kilobytes (366 KB and about 100 ms for 981 of them). The links to
     * the older and newer pages name the candidate the page follows or precedes ({@code after}, {@code before}), so
     * a page stays the same while candidates register; the first page shows the newest. {@code page} (a number from
     * 1) still works for a link written by hand.
     */
    @GetMapping("/")
    String candidates(@RequestParam(required = false) List<String> waitFor,
                      @RequestParam(required = false) String page, @RequestParam(required = false) String after,
                      @RequestParam(required = false) String before, Model model) {
        readYourWrites.await(waitFor, null, "pipeline");
        Optional<Place> older = Place.parse(after);
        Optional<Place> newer = older.isPresent() ? Optional.empty() : Place.parse(before);
        Integer number = older.isPresent() || newer.isPresent() || page == null ? null : pageNumber(page);
        CandidateDirectory.Part part;
        if (older.isPresent()) {
            part = directory.partNewestFirst(older.get(), true, CANDIDATES_PER_PAGE);
        } else if (newer.isPresent()) {
            part = directory.partNewestFirst(newer.get(), false, CANDIDATES_PER_PAGE);
        } else {
            part = directory.part(firstOf(number == null ? 1 : number), CANDIDATES_PER_PAGE, true);
        }
        if (part.candidates().isEmpty() && part.total() > 0) { // past the end: the last page
            int lastPage = (part.total() + CANDIDATES_PER_PAGE - 1) / CANDIDATES_PER_PAGE;
            part = directory.part(firstOf(lastPage), CANDIDATES_PER_PAGE, true);
            number = number == null ? null : lastPage;
        }
        List<CandidateView> shown = part.candidates();
        model.addAttribute("candidates", shown);
        model.addAttribute("after", older.map(Place::text).orElse(null));
        // A page before a place near the start is the first page: it reloads as the first, showing who registers.
        model.addAttribute("before", part.offset() == 0 ? null : newer.map(Place::text).orElse(null));
        model.addAttribute("page", number);
        model.addAttribute("paged", part.total() > CANDIDATES_PER_PAGE);
        model.addAttribute("newer", part.offset() > 0 && !shown.isEmpty() ? Place.of(shown.get(0)).text() : null);
        model.addAttribute("older", part.offset() + shown.size() < part.total() && !shown.isEmpty()
                ? Place.of(shown.get(shown.size() - 1)).text() : null);
        model.addAttribute("first", part.offset() + 1);
        model.addAttribute("last", part.offset() + shown.size());
        model.addAttribute("total", part.total());
        return "dashboard/candidates";
    }

    private static int firstOf(int page) {
        return (int) Math.min((long) (page - 1) * CANDIDATES_PER_PAGE, Integer.MAX_VALUE);
    }

    /** The page asked for, from 1; the first for anything else (a page link typed by hand). */
    private static int pageNumber(String page) {
        try {
            return Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @GetMapping("/candidates/{id}")
    String candidate(@PathVariable String id, @RequestParam(required = false) List<String> waitFor, Model model) {
        readYourWrites.await(waitFor, null, "pipeline");
        CandidateView candidate = directory.get(id);
        List<OpportunityView> opportunities = pipeline.pipeline(id).opportunities();
        List<Column> columns = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            List<OpportunityView> cards = opportunities.stream().filter(view -> view.stage == stage).toList();
            if (OPEN_COLUMNS.contains(stage) || !cards.isEmpty()) {
                columns.add(new Column(stage, cards));
            }
        }
        PipelineQueries.Funnel funnel = pipeline.funnel(id);
        Map<String, Long> reached = new LinkedHashMap<>();
        Stages.PROGRESSION.forEach(stage -> reached.put(stage.name(), funnel.reached().getOrDefault(stage, 0L)));
        long longest = funnel.timeInStage().values().stream().mapToLong(PipelineQueries.StageAverage::averageSeconds)
                .max().orElse(0);
        TimeUnit unit = TimeUnit.fitting(longest);
        Map<String, Double> timeInStage = new LinkedHashMap<>();
        funnel.timeInStage().forEach((stage, average) -> timeInStage.put(stage.name(), unit.of(average.averageSeconds())));
        model.addAttribute("candidate", candidate);
        model.addAttribute("columns", columns);
        model.addAttribute("funnel", funnel);
        model.addAttribute("reached", reached);
        model.addAttribute("timeInStage", timeInStage);
        model.addAttribute("timeUnit", unit.label);
        model.addAttribute("now", localInput(clock.now()));
        return "dashboard/candidate";
    }

    @GetMapping("/opportunities/{id}")
    String opportunity(@PathVariable String id, @RequestParam(required = false) List<String> waitFor, Model model) {
        readYourWrites.await(waitFor, null, "pipeline");
        OpportunityView opportunity = pipeline.opportunity(id);
        model.addAttribute("opportunity", opportunity);
        model.addAttribute("candidate", directory.get(opportunity.candidateId));
        model.addAttribute("suggestedInterview",
                localInput(clock.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS)));
        return "dashboard/opportunity";
    }

    @GetMapping("/candidates/{id}/contacts")
    String contacts(@PathVariable String id, @RequestParam(required = false) List<String> waitFor, Model model) {
        readYourWrites.await(waitFor, null, "contacts");
        model.addAttribute("candidate", directory.get(id));
        model.addAttribute("network", contacts.contacts(id));
        return "dashboard/contacts";
    }

    @GetMapping("/candidates/{id}/lessons")
    String lessons(@PathVariable String id, @RequestParam(required = false) List<String> waitFor, Model model) {
        readYourWrites.await(waitFor, null, "lessons");
        model.addAttribute("candidate", directory.get(id));
        model.addAttribute("lessons", lessons.lessons(id));
        return "dashboard/lessons";
    }

    @GetMapping("/candidates/{id}/timeline")
    String timeline(@PathVariable String id, @RequestParam(required = false) String asOf,
                    @RequestParam(required = false) String knownAt,
                    @RequestParam(required = false) List<String> waitFor, Model model) {
        readYourWrites.await(waitFor, null, "timeline");
        model.addAttribute("candidate", directory.get(id));
        model.addAttribute("timeline", timeline.timeline(id, instant("asOf", asOf), instant("knownAt", knownAt)));
        model.addAttribute("asOf", asOf == null ? "" : asOf);
        model.addAttribute("knownAt", knownAt == null ? "" : knownAt);
        return "dashboard/timeline";
    }

    @ExceptionHandler(QueryNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(QueryNotFoundException e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "dashboard/not-found";
    }

    /** A {@code datetime-local} value (read as UTC), or an ISO instant; blank means "now". */
    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.endsWith("Z") ? Instant.parse(value) : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new QueryBadRequestException(field, "must be a date and time such as 2026-03-01T09:00");
        }
    }

    private static String localInput(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC).toString();
    }
}
