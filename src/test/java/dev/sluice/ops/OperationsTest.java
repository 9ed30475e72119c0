package dev.sluice.ops;

import dev.sluice.ops.meters.LatencyBuckets;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testing.SseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Health probes and the Prometheus metrics a stream leaves behind. */
@QuarkusTest
class OperationsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void healthProbesAreUp() {
        for (String probe : new String[] {"live", "ready", "started"}) {
            given().get(base.resolve("/q/health/" + probe)).then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void openApiDocumentsThePublicApi() {
        given().get(base.resolve("/q/openapi")).then().statusCode(200)
                .body(containsString("/v1/chat/completions"))
                .body(containsString("/v1/streams/{id}/events"))
                .body(containsString("/v1/sessions/{id}/audit"))
                .body(containsString("SessionRequest"));
    }

    @Test
    void aStreamIsMeasuredWithLowCardinalityLabels() {
        var events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"), """
                {"model":"sluice-sim","prompt":"x","simulator":{"gap_ms":1,"ttft_ms":0,"tokens":20,"seed":4}}"""));
        String id = events.get(0).json().path("streamId").asText();
        given().get(base.resolve("/q/metrics")).then().statusCode(200)
                .body(containsString("sluice_ttft_seconds_bucket{model=\"sluice-sim\",provider=\"simulator\",transport=\"sse\""))
                .body(containsString("sluice_token_gap_seconds_count{model=\"sluice-sim\",provider=\"simulator\",transport=\"sse\"}"))
                .body(containsString("sluice_overhead_seconds_count{"))
                .body(containsString("sluice_streams_outcomes_total{model=\"sluice-sim\",outcome=\"stop\",provider=\"simulator\"}"))
                .body(containsString("sluice_tokens_total{model=\"sluice-sim\",provider=\"simulator\"}"))
                .body(containsString("sluice_streams_active"))
                .body(containsString("sluice_subscribers_active"))
                .body(containsString("sluice_slow_consumers_total"))
                .body(containsString("sluice_events_dropped_total 0.0"))
                .body(not(containsString(id)))
                .body(not(containsString(id.substring(4))));
    }

    @Test
    void latencyTimersPublishTheirFewExplicitBuckets() {
        SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"), """
                {"model":"sluice-sim","prompt":"x","simulator":{"gap_ms":1,"ttft_ms":0,"tokens":5,"seed":4}}"""));
        String scrape = given().get(base.resolve("/q/metrics")).then().statusCode(200).extract().asString();
        String labels = "{model=\"sluice-sim\",provider=\"simulator\",transport=\"sse\",le=";
        // The bounds of LatencyBuckets plus +Inf, not Micrometer's 69 percentile-histogram buckets.
        assertEquals(LatencyBuckets.TOKEN_GAP.length + 1, count(scrape, "sluice_token_gap_seconds_bucket" + labels));
        assertEquals(LatencyBuckets.OVERHEAD.length + 1, count(scrape, "sluice_overhead_seconds_bucket" + labels));
        // Sub-millisecond bounds, where Sluice's own overhead usually lies.
        assertTrue(scrape.contains("sluice_overhead_seconds_bucket" + labels + "\"1.0E-4\"}"), scrape);
    }

    private static long count(String scrape, String prefix) {
        return scrape.lines().filter(line -> line.startsWith(prefix)).count();
    }
}
