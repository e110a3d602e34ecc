package io.candor.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each view's query latency over HTTP, on random candidates and opportunities of the stored history. */
final class ViewQueries {

    private ViewQueries() {
    }

    static Map<String, Object> measure(Http http, List<String> candidates, List<String> opportunities, int requests) {
        Map<String, Object> byView = new LinkedHashMap<>();
        byView.put("opportunity", measure(http, requests, () -> "api/opportunities/"
                + opportunities.get(CandorBenchmark.random(opportunities.size()))));
        for (String view : List.of("pipeline", "funnel", "contacts", "lessons", "timeline")) {
            byView.put(view, measure(http, requests, () -> "api/candidates/"
                    + candidates.get(CandorBenchmark.random(candidates.size())) + "/" + view));
        }
        return byView;
    }

    private static Map<String, Object> measure(Http http, int requests, java.util.function.Supplier<String> path) {
        for (int i = 0; i < 20; i++) {
            http.get(path.get());
        }
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
