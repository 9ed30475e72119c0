package dev.sluice.store.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The journal's global budget under a steady flow of streams: the ones that finished longest ago
 * make room for new ones (their resume then answers as past the window), instead of new streams
 * being refused while finished ones wait out their resume window.
 */
@QuarkusTest
@TestProfile(JournalBudgetTest.SmallBudget.class)
class JournalBudgetTest {

    /** Two finished 50-token streams (about 2.3 kB each as the journal counts) fit; three do not. */
    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.journal.global-max-bytes", "6000", "sluice.journal.resume-window", "10m");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void newStreamsPushOutTheOldestFinishedOnesAndRunWhole() {
        List<String> ids = new ArrayList<>();
        List<List<SseEvent>> delivered = new ArrayList<>();
        for (int seed = 1; seed <= 4; seed++) {
            List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"), """
                    {"model":"sluice-sim","prompt":"x","simulator":{"gap_ms":0,"ttft_ms":0,"tokens":50,"seed":%d}}"""
                    .formatted(seed)));
            assertEquals("done", events.get(events.size() - 1).event(), "stream " + seed + " ran to its end");
            ids.add(events.get(0).json().path("streamId").asText());
            delivered.add(events);
        }
        for (int i = 0; i < 2; i++) {
            given().get(base.resolve("/v1/streams/" + ids.get(i) + "/events")).then().statusCode(404);
        }
        for (int i = 2; i < 4; i++) {
            assertEquals(delivered.get(i), SseClient.get(base.resolve("/v1/streams/" + ids.get(i) + "/events"), Map.of()),
                    "the newest streams replay exactly");
        }
        given().get(base.resolve("/q/metrics")).then().statusCode(200)
                .body(containsString("sluice_journal_evicted_total 2.0"));
    }
}
