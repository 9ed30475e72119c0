package dev.sluice.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.provider.simulator.SimulatorStats;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.Streams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cancelling really stops the upstream: asserted on the simulator's own cancellation count. */
@QuarkusTest
class StreamCancellationTest {

    private static final String LONG = """
            {"model":"sluice-sim","prompt":"x","simulator":{"gap_ms":20,"ttft_ms":0,"tokens":100000}}""";

    @TestHTTPResource("/")
    URI base;

    @Inject
    SimulatorStats simulator;

    @BeforeEach
    void nothingRunning() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> simulator.running() == 0);
    }

    @Test
    void deleteCancelsTheUpstreamAndEndsWithCancelled() {
        long before = simulator.cancelled();
        String id = Streams.start(base, LONG.replace("\"prompt\"", "\"background\":true,\"prompt\""));
        given().delete(base.resolve("/v1/streams/" + id))
                .then().statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("finish_reason", equalTo("cancelled"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> simulator.cancelled() == before + 1);
        assertEquals("done", SseClient.get(base.resolve("/v1/streams/" + id + "/events"),
                Map.of("Last-Event-ID", String.valueOf(Streams.status(base, id).getLong("last_seq") - 1))).get(0).event());
    }

    @Test
    void aClientThatDisconnectsStopsTheUpstreamAfterTheGracePeriod() {
        long before = simulator.cancelled();
        var events = SseClient.read(SseClient.postJson(base.resolve("/v1/streams"), LONG), 3);
        String id = events.get(0).json().path("streamId").asText();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> simulator.cancelled() == before + 1);
        assertEquals("cancelled", Streams.awaitEnd(base, id).getString("status"));
    }

    @Test
    void aStreamNobodyReadsIsCancelledAfterTheGracePeriod() {
        long before = simulator.cancelled();
        String id = Streams.start(base, LONG);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> simulator.cancelled() == before + 1);
        assertEquals("cancelled", Streams.awaitEnd(base, id).getString("status"));
    }

    @Test
    void backgroundStreamsKeepRunningWithNobodyReading() {
        long cancelled = simulator.cancelled();
        long completed = simulator.completed();
        String id = Streams.start(base, """
                {"model":"sluice-sim","prompt":"x","background":true,"simulator":{"gap_ms":10,"ttft_ms":0,"tokens":100,"seed":1}}""");
        var status = Streams.awaitEnd(base, id);
        assertEquals("completed", status.getString("status"));
        assertEquals(100, status.getInt("usage.completion_tokens"));
        assertEquals(cancelled, simulator.cancelled());
        assertEquals(completed + 1, simulator.completed());
    }

    @Test
    void cancellingAnUnknownOrFinishedStream() {
        given().delete(base.resolve("/v1/streams/str_00000000000000000000000000000000"))
                .then().statusCode(404).body("error.code", equalTo("stream_not_found"));
        String id = Streams.start(base, """
                {"model":"sluice-echo","prompt":"short","background":true,"simulator":{"gap_ms":0,"ttft_ms":0}}""");
        Streams.awaitEnd(base, id);
        given().delete(base.resolve("/v1/streams/" + id))
                .then().statusCode(200).body("status", equalTo("completed")).body("text", equalTo("short"));
    }
}
