package io.candor.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Each view's query latency over HTTP, cold and steady, on random candidates and opportunities of the history, and
 * the firm analytics of the one firm they all belong to.
 */
final class ViewQueries {

    private ViewQueries() {
    }

    /**
     * The firm of the firm analytics: every candidate of the history is registered without a firm, so this is one
     * firm of every candidate, the largest the store can hold.
     */
    static final String FIRM = "independent";

    /** Requests per view, before measuring, in the steady-state measurement. */
    static final int WARM_UP_REQUESTS = 500;

    /**
     * Per view, the latency of {@code requests} queries right after the launcher's restart, then of as many once
     * every view has answered {@link #WARM_UP_REQUESTS} more (the query code compiled by the JIT, as in a server that
     * has been answering for a while): {@code cold} and {@code steady}.
     */
    static Map<String, Map<String, Object>> measure(Http http, List<String> candidates, List<String> opportunities,
                                                    int requests) {
        Map<String, Supplier<String>> paths = new LinkedHashMap<>();
        paths.put("opportunity", () -> "api/opportunities/"
                + opportunities.get(CandorBenchmark.random(opportunities.size())));
        for (String view : List.of("pipeline", "funnel", "contacts", "lessons", "timeline")) {
            paths.put(view, () -> "api/candidates/"
                    + candidates.get(CandorBenchmark.random(candidates.size())) + "/" + view);
        }
        paths.put("firm analytics", () -> "api/firms/" + FIRM + "/analytics");
        Map<String, Object> cold = new LinkedHashMap<>();
        paths.forEach((view, path) -> cold.put(view, measure(http, requests, path)));
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            paths.values().forEach(path -> http.get(path.get()));
        }
        Map<String, Object> steady = new LinkedHashMap<>();
        paths.forEach((view, path) -> steady.put(view, measure(http, requests, path)));
        return Map.of("cold", cold, "steady", steady);
    }

    private static Map<String, Object> measure(Http http, int requests, Supplier<String> path) {
        Stats latency = new Stats();
        int failed = 0;
        for (int i = 0; i < requests; i++) {
            Http.Exchange exchange = http.get(path.get());
            latency.add(exchange.nanos());
            failed += exchange.ok() ? 0 : 1;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("p50_ms", Stats.round(latency.p50()));
        figures.put("p99_ms", Stats.round(latency.p99()));
        figures.put("failed", failed);
        return figures;
    }
}
