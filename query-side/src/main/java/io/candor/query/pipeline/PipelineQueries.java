package io.candor.query.pipeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.candor.events.Stage;
import io.candor.query.support.CandidateMembers;
import io.candor.query.support.QueryClock;
import io.candor.query.support.QueryNotFoundException;
import io.candor.query.support.Stages;
import io.candor.query.support.ViewDocuments;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the pipeline view: one opportunity, a candidate's pipeline, the funnel, time in stage (to now). */
@Component
public class PipelineQueries {

    private final MongoCollection<Document> opportunities;
    private final CandidateMembers byCandidate;
    private final QueryClock clock;

    PipelineQueries(MongoDatabase candorDatabase, QueryClock clock) {
        this.opportunities = candorDatabase.getCollection(PipelineProjection.OPPORTUNITIES);
        this.byCandidate = new CandidateMembers(candorDatabase.getCollection(PipelineProjection.BY_CANDIDATE));
        this.clock = clock;
    }

    public OpportunityView opportunity(String id) {
        Document document = opportunities.find(Filters.eq("_id", id)).first();
        if (document == null) {
            throw new QueryNotFoundException("No opportunity " + id);
        }
        return withTimeInStage(ViewDocuments.fromDocument(document, OpportunityView.class), clock.now());
    }

    List<OpportunityView> opportunitiesOf(String candidateId) {
        Instant now = clock.now();
        List<OpportunityView> all = new ArrayList<>();
        for (Document document : byCandidate.documentsOf(candidateId, opportunities)) {
            all.add(withTimeInStage(ViewDocuments.fromDocument(document, OpportunityView.class), now));
        }
        all.sort(Comparator.comparing((OpportunityView view) -> view.receivedAt,
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(view -> view.id));
        return all;
    }

    /** The candidate's pipeline. */
    public record Pipeline(String candidateId, List<OpportunityView> opportunities) {
    }

    /** Average time spent in one stage over all runs of it. */
    public record StageAverage(long runs, String average, long averageSeconds) {
    }

    /**
     * The funnel: {@code reached} counts opportunities that got at least that far (cumulative), {@code furthest}
     * those whose furthest stage is exactly that one, {@code outcomes} the current ends, {@code open} the rest.
     */
    public record Funnel(String candidateId, long total, Map<Stage, Long> reached, Map<Stage, Long> furthest,
                  Map<Stage, Long> outcomes, long open, Map<Stage, StageAverage> timeInStage) {
    }

    public Pipeline pipeline(String candidateId) {
        return new Pipeline(candidateId, opportunitiesOf(candidateId));
    }

    public Funnel funnel(String candidateId) {
        List<OpportunityView> all = opportunitiesOf(candidateId);
        Map<Stage, Long> reached = new LinkedHashMap<>();
        Map<Stage, Long> furthest = new LinkedHashMap<>();
        for (Stage stage : Stages.PROGRESSION) {
            reached.put(stage, all.stream().filter(view -> Stages.rank(view.furthestStage) >= Stages.rank(stage)).count());
            furthest.put(stage, all.stream().filter(view -> view.furthestStage == stage).count());
        }
        Map<Stage, Long> outcomes = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            if (stage.isEnded()) {
                outcomes.put(stage, all.stream().filter(view -> view.stage == stage).count());
            }
        }
        long open = all.stream().filter(view -> view.stage != null && !view.stage.isEnded()).count();
        Map<Stage, List<Long>> seconds = new EnumMap<>(Stage.class);
        for (OpportunityView view : all) {
            for (OpportunityView.StageRun run : view.timeInStage) {
                if (run.seconds() != null) {
                    seconds.computeIfAbsent(run.stage(), stage -> new ArrayList<>()).add(run.seconds());
                }
            }
        }
        Map<Stage, StageAverage> averages = new LinkedHashMap<>();
        seconds.forEach((stage, values) -> {
            long average = Math.round(values.stream().mapToLong(Long::longValue).average().orElse(0));
            averages.put(stage, new StageAverage(values.size(), Duration.ofSeconds(average).toString(), average));
        });
        return new Funnel(candidateId, all.size(), reached, furthest, outcomes, open, averages);
    }

    /**
     * Runs of consecutive history entries in the same stage, entered when the first of them happened; the last
     * run of a stage that is not an end lasts until {@code now}, the run of an end has no duration.
     */
    static OpportunityView withTimeInStage(OpportunityView view, Instant now) {
        List<OpportunityView.StageRun> runs = new ArrayList<>();
        Stage current = null;
        Instant from = null;
        for (OpportunityView.HistoryEntry entry : view.history) {
            if (entry.stage() == null || entry.stage() == current) {
                continue;
            }
            if (current != null) {
                runs.add(run(current, from, entry.at()));
            }
            current = entry.stage();
            from = entry.at();
        }
        if (current != null) {
            runs.add(current.isEnded() ? new OpportunityView.StageRun(current, from, null, null, null) : run(current, from, now));
        }
        view.timeInStage = runs;
        return view;
    }

    private static OpportunityView.StageRun run(Stage stage, Instant from, Instant to) {
        Duration duration = from == null || to == null || to.isBefore(from) ? Duration.ZERO : Duration.between(from, to);
        return new OpportunityView.StageRun(stage, from, to, duration.toString(), duration.toSeconds());
    }
}
