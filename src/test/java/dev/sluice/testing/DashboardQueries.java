package dev.sluice.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The queries of the chart's Grafana dashboard (helm/sluice/dashboards/sluice.json), by where they are. */
public final class DashboardQueries {

    public static final Path DASHBOARD = Path.of("helm", "sluice", "dashboards", "sluice.json");

    /**
     * Metrics the dashboard reads that only a replica on {@code sluice.store=redis} publishes, with
     * the reason; a memory-store scrape must lack them and a Redis-store scrape must have them.
     */
    public static final Map<String, String> REDIS_STORE_ONLY = Map.of(
            "sluice_redis_follower_lag_seconds_bucket",
            "registered by the Redis journal: only a Redis-store replica follows streams produced elsewhere");

    private DashboardQueries() {
    }

    /** Every panel query's PromQL and every variable's query, keyed by panel title or variable. */
    public static Map<String, String> all() {
        JsonNode dashboard = read();
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                queries.put("variable $" + variable.path("name").asText(),
                        query.isTextual() ? query.asText() : query.path("query").asText());
            }
        }
        collect(dashboard.path("panels"), queries);
        return queries;
    }

    private static void collect(JsonNode panels, Map<String, String> queries) {
        for (JsonNode panel : panels) {
            collect(panel.path("panels"), queries); // panels of a collapsed row
            for (JsonNode target : panel.path("targets")) {
                queries.put("panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(DASHBOARD.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
