package dev.sluice.scaleout;

import static dev.sluice.scaleout.EventOrder.assertGapless;
import static dev.sluice.scaleout.EventOrder.assertOneTerminalLast;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.SseEvent;
import dev.sluice.testing.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to the packaged service with streams running (memory store): readiness turns DOWN,
 * new streams are refused on every transport with a retryable 503 {@code shutting_down}, a
 * stream that can finish within the drain timeout finishes, the rest end with a retryable
 * {@code error: shutdown}, every subscriber gets gapless events and one terminal, and the
 * process exits by itself.
 */
class GracefulDrainIT {

    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final String LONG = """
            {"model":"sluice-sim","prompt":"long","background":true,
             "simulator":{"tokens":5000,"gap_ms":20,"jitter_ms":0,"ttft_ms":0,"seed":3}}""";
    private static final String SHORT = """
            {"model":"sluice-sim","prompt":"short","background":true,
             "simulator":{"tokens":120,"gap_ms":20,"jitter_ms":0,"ttft_ms":0,"seed":4}}""";

    @Test
    void sigtermDrainsRunningStreamsAndRefusesNewOnes() {
        try (PackagedSluice sluice = PackagedSluice.start("drain-memory",
                Map.of("sluice.shutdown.drain-timeout", DRAIN.toSeconds() + "s"));
             WsClient ws = new WsClient(sluice.base)) {
            String longId = startStream(sluice, LONG);
            LiveSse longReader = LiveSse.open(sluice.base.resolve("/v1/streams/" + longId + "/events"), Map.of());
            ws.send("""
                    {"type":"start","id":"w","model":"sluice-sim","prompt":"ws","simulator":{"tokens":5000,"gap_ms":20,"jitter_ms":0,"ttft_ms":0}}""");
            String wsStream = ws.until(f -> f.path("type").asText().equals("started")).get(0).path("streamId").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> longReader.events().size() >= 10);

            String shortId = startStream(sluice, SHORT);
            LiveSse shortReader = LiveSse.open(sluice.base.resolve("/v1/streams/" + shortId + "/events"), Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> shortReader.events().size() >= 3);
            assertFalse(shortReader.ended(), "the short stream must still be running when SIGTERM arrives");

            sluice.sigterm();

            // Readiness DOWN at once, with the drain check saying why.
            await("readiness DOWN").atMost(DRAIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> sluice.readinessStatus() == 503);
            JsonNode ready = sluice.readiness().json();
            assertEquals("DOWN", ready.path("status").asText());
            assertTrue(ready.path("checks").toString().contains("\"state\":\"draining\""), ready.toString());

            // New streams are refused with a retryable 503 in OpenAI's shape, on every transport.
            PackagedSluice.Reply refused = sluice.post("/v1/streams", SHORT);
            assertShuttingDown(refused);
            PackagedSluice.Reply refusedChat = sluice.post("/v1/chat/completions", """
                    {"model":"sluice-sim","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
            assertShuttingDown(refusedChat);
            ws.send("""
                    {"type":"start","id":"late","model":"sluice-sim","prompt":"late"}""");
            JsonNode rejected = last(ws.until(f -> f.path("type").asText().equals("rejected")));
            assertEquals("shutting_down", rejected.path("error").path("code").asText(), rejected.toString());
            assertEquals("late", rejected.path("id").asText());
            // Reads of running streams are still served while draining.
            assertEquals(200, sluice.get("/v1/streams/" + longId).status());

            // The short stream finishes normally within the drain timeout.
            await("short stream ends").atMost(DRAIN.plusSeconds(20)).until(shortReader::ended);
            List<SseEvent> shortEvents = shortReader.events();
            assertGapless(shortEvents, 0);
            SseEvent shortEnd = assertOneTerminalLast(shortEvents);
            assertEquals("done", shortEnd.event(), shortEnd.data());
            assertEquals("stop", shortEnd.json().path("finishReason").asText(), shortEnd.data());

            // The long one ends, after the drain timeout, with a retryable error: shutdown; no gap, no duplicate.
            await("long stream ends").atMost(DRAIN.plusSeconds(30)).until(longReader::ended);
            List<SseEvent> longEvents = longReader.events();
            assertGapless(longEvents, 0);
            SseEvent longEnd = assertOneTerminalLast(longEvents);
            assertShutdownError(longEnd.event(), longEnd.json());
            assertTrue(longEvents.size() > shortEvents.size(), "the long stream ran through the drain timeout");

            // The WebSocket subscriber gets the same terminal for its stream.
            JsonNode wsEnd = last(ws.until(f -> f.path("streamId").asText().equals(wsStream)
                    && (f.path("type").asText().equals("done") || f.path("type").asText().equals("error"))));
            assertShutdownError(wsEnd.path("type").asText(), wsEnd);

            // And the process exits by itself.
            await("process exits").atMost(DRAIN.plusSeconds(40)).until(() -> !sluice.alive());
            String log = sluice.logText();
            assertTrue(log.contains("drain timeout: ending 2 running streams"), log);
            assertTrue(log.contains("drained: no running stream, every event journaled, no local subscriber left"), log);
            // Connections close cleanly: SSE responses end normally, the WebSocket gets 1001 "going away".
            assertEquals(200, shortReader.ended.join());
            assertEquals(200, longReader.ended.join());
            assertEquals(1001, ws.closeCode().join());
        }
    }

    private static JsonNode last(List<JsonNode> frames) {
        return frames.get(frames.size() - 1);
    }

    private static String startStream(PackagedSluice sluice, String body) {
        PackagedSluice.Reply reply = sluice.post("/v1/streams", body);
        assertEquals(201, reply.status(), reply.body());
        return reply.json().path("id").asText();
    }

    private static void assertShuttingDown(PackagedSluice.Reply reply) {
        assertEquals(503, reply.status(), reply.body());
        JsonNode error = reply.json().path("error");
        assertEquals("shutting_down", error.path("code").asText(), reply.body());
        assertEquals("server_error", error.path("type").asText(), reply.body());
        assertTrue(error.path("message").asText().contains("retry"), reply.body());
        assertEquals("1", reply.header("Retry-After"), reply.headers().toString());
    }

    private static void assertShutdownError(String type, JsonNode event) {
        assertEquals("error", type, event.toString());
        assertEquals("shutdown", event.path("code").asText(), event.toString());
        assertTrue(event.path("retryable").asBoolean(), event.toString());
    }
}
