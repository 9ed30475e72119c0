package dev.sluice.api.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.provider.simulator.SimulatorStats;
import dev.sluice.testing.SimulatorOracle;
import dev.sluice.testing.Streams;
import dev.sluice.testing.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StreamSocketTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ProviderRegistry registry;

    @Inject
    SimulatorStats simulator;

    @Test
    void twoMultiplexedStreamsEachArriveInOrderWithTheSimulatorsTokens() {
        Map<String, Object> optionsA = Map.of("gap_ms", 1L, "ttft_ms", 0L, "tokens", 40L, "seed", 1L);
        Map<String, Object> optionsB = Map.of("gap_ms", 1L, "ttft_ms", 0L, "tokens", 30L, "seed", 2L);
        try (WsClient ws = new WsClient(base)) {
            ws.send("""
                    {"type":"start","id":"a","model":"sluice-sim","prompt":"p","simulator":{"gap_ms":1,"ttft_ms":0,"tokens":40,"seed":1}}""");
            ws.send("""
                    {"type":"start","id":"b","model":"sluice-sim","prompt":"p","simulator":{"gap_ms":1,"ttft_ms":0,"tokens":30,"seed":2}}""");
            Map<String, String> streamOf = new HashMap<>();
            Map<String, List<JsonNode>> events = new HashMap<>();
            int terminals = 0;
            while (terminals < 2) {
                JsonNode frame = ws.next();
                String type = frame.path("type").asText();
                if (type.equals("started")) {
                    streamOf.put(frame.path("id").asText(), frame.path("streamId").asText());
                    continue;
                }
                events.computeIfAbsent(frame.path("streamId").asText(), k -> new ArrayList<>()).add(frame);
                if (type.equals("done") || type.equals("error")) {
                    terminals++;
                }
            }
            assertTokens(events.get(streamOf.get("a")), SimulatorOracle.tokens(registry, "sluice-sim", "p", optionsA), 40);
            assertTokens(events.get(streamOf.get("b")), SimulatorOracle.tokens(registry, "sluice-sim", "p", optionsB), 30);
        }
    }

    @Test
    void resumeAfterEverySeqYieldsExactlyTheRest() {
        String id = Streams.start(base, """
                {"model":"sluice-sim","prompt":"x","background":true,"simulator":{"gap_ms":0,"ttft_ms":0,"tokens":20,"seed":5}}""");
        Streams.awaitEnd(base, id);
        try (WsClient ws = new WsClient(base)) {
            ws.send("{\"type\":\"resume\",\"streamId\":\"" + id + "\",\"after\":-1}");
            List<JsonNode> all = ws.until(f -> f.path("type").asText().equals("done"));
            assertGapless(all, 0);
            int n = all.size();
            for (int k = 0; k < n - 1; k++) {
                ws.send("{\"type\":\"resume\",\"streamId\":\"" + id + "\",\"after\":" + k + "}");
                List<JsonNode> rest = ws.until(f -> f.path("type").asText().equals("done"));
                assertEquals(all.subList(k + 1, n), rest, "after " + k);
            }
        }
    }

    @Test
    void cancelStopsTheSimulatorAndEndsWithCancelled() {
        long before = simulator.cancelled();
        try (WsClient ws = new WsClient(base)) {
            ws.send("""
                    {"type":"start","id":"c","model":"sluice-sim","prompt":"p","simulator":{"gap_ms":20,"ttft_ms":0,"tokens":5000}}""");
            String streamId = ws.next().path("streamId").asText();
            ws.until(f -> f.path("type").asText().equals("delta"));
            ws.send("{\"type\":\"cancel\",\"streamId\":\"" + streamId + "\"}");
            JsonNode done = ws.until(f -> f.path("type").asText().equals("done")).stream()
                    .reduce((a, b) -> b).orElseThrow();
            assertEquals("cancelled", done.path("finishReason").asText());
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> simulator.cancelled() == before + 1);
    }

    @Test
    void badMessagesAreRejectedAndTheConnectionKeepsWorking() {
        try (WsClient ws = new WsClient(base)) {
            ws.send("not json");
            assertRejected(ws.next(), "invalid_json");
            ws.send("{\"type\":\"dance\"}");
            assertRejected(ws.next(), "invalid_value");
            ws.send("{\"type\":\"start\",\"id\":\"x\",\"model\":\"nope\",\"prompt\":\"p\"}");
            JsonNode unknownModel = ws.next();
            assertRejected(unknownModel, "model_not_found");
            assertEquals("x", unknownModel.path("id").asText());
            ws.send("{\"type\":\"resume\",\"streamId\":\"str_00000000000000000000000000000000\",\"after\":1}");
            assertRejected(ws.next(), "stream_not_found");
            ws.send("{\"type\":\"start\",\"id\":\"ok\",\"model\":\"sluice-echo\",\"prompt\":\"still here\","
                    + "\"simulator\":{\"ttft_ms\":0,\"gap_ms\":0}}");
            List<JsonNode> frames = ws.until(f -> f.path("type").asText().equals("done"));
            StringBuilder text = new StringBuilder();
            frames.stream().filter(f -> f.path("type").asText().equals("delta"))
                    .forEach(f -> text.append(f.path("text").asText()));
            assertEquals("still here", text.toString());
        }
    }

    private static void assertRejected(JsonNode frame, String code) {
        assertEquals("rejected", frame.path("type").asText(), frame.toString());
        assertEquals(code, frame.at("/error/code").asText(), frame.toString());
        assertTrue(frame.at("/error/message").asText().length() > 10);
    }

    /** Deltas equal the simulator's texts (a character split across BPE tokens is one delta). */
    private static void assertTokens(List<JsonNode> events, List<String> expected, int bpeTokens) {
        assertGapless(events, 0);
        List<String> tokens = events.stream().filter(e -> e.path("type").asText().equals("delta"))
                .map(e -> e.path("text").asText()).toList();
        assertEquals(expected, tokens);
        assertEquals("done", events.get(events.size() - 1).path("type").asText());
        assertEquals("usage", events.get(events.size() - 2).path("type").asText());
        assertEquals(bpeTokens, events.get(events.size() - 2).path("completionTokens").asInt());
    }

    private static void assertGapless(List<JsonNode> events, long first) {
        assertEquals(LongStream.range(first, first + events.size()).boxed().toList(),
                events.stream().map(e -> e.path("seq").asLong()).toList());
    }
}
