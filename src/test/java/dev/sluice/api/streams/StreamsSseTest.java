package dev.sluice.api.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.testing.SimulatorOracle;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import dev.sluice.testing.Streams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StreamsSseTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ProviderRegistry registry;

    @Test
    void postWithEventStreamAcceptDeliversTheSimulatorsTokensWithGaplessIds() {
        Map<String, Object> options = Map.of("gap_ms", 0L, "ttft_ms", 0L, "tokens", 80L, "seed", 7L);
        List<String> expected = SimulatorOracle.tokens(registry, "sluice-sim", "go", options);
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"), """
                {"model":"sluice-sim","prompt":"go","simulator":{"gap_ms":0,"ttft_ms":0,"tokens":80,"seed":7}}"""));

        assertGapless(events, 0);
        assertEquals("start", events.get(0).event());
        List<String> tokens = events.stream().filter(e -> e.event().equals("delta"))
                .map(e -> e.json().path("text").asText()).toList();
        assertEquals(expected, tokens);
        assertEquals(1, events.stream().filter(e -> e.event().equals("done") || e.event().equals("error")).count());
        SseEvent usage = events.get(events.size() - 2);
        assertEquals("usage", usage.event());
        assertEquals(80, usage.json().path("completionTokens").asInt());
        SseEvent done = events.get(events.size() - 1);
        assertEquals("stop", done.json().path("finishReason").asText());

        String id = events.get(0).json().path("streamId").asText();
        JsonPath status = Streams.status(base, id);
        assertEquals("completed", status.getString("status"));
        assertEquals(String.join("", expected), status.getString("text"));
        assertEquals(events.size(), status.getInt("events"));
        assertEquals(80, status.getInt("usage.completion_tokens"));
    }

    @Test
    void resumingAfterEverySeqYieldsExactlyTheRest() {
        String id = Streams.start(base, """
                {"model":"sluice-sim","prompt":"x","background":true,
                 "simulator":{"gap_ms":0,"ttft_ms":0,"tokens":25,"seed":3}}""");
        Streams.awaitEnd(base, id);
        URI events = base.resolve("/v1/streams/" + id + "/events");
        List<SseEvent> all = SseClient.get(events, Map.of());
        int n = all.size();
        assertGapless(all, 0);
        for (int k = 0; k < n; k++) {
            List<SseEvent> byHeader = SseClient.get(events, Map.of("Last-Event-ID", String.valueOf(k)));
            List<SseEvent> byQuery = SseClient.get(URI.create(events + "?after=" + k), Map.of());
            assertEquals(all.subList(k + 1, n), byHeader, "Last-Event-ID " + k);
            assertEquals(all.subList(k + 1, n), byQuery, "after=" + k);
        }
    }

    @Test
    void aDroppedLiveConnectionResumesWithNoGapAndNoDuplicate() {
        String id = Streams.start(base, """
                {"model":"sluice-sim","prompt":"x","simulator":{"gap_ms":5,"ttft_ms":0,"tokens":60,"seed":9}}""");
        URI events = base.resolve("/v1/streams/" + id + "/events");
        List<SseEvent> first = SseClient.get(events, Map.of(), 10);
        String lastId = first.get(first.size() - 1).id();
        List<SseEvent> rest = SseClient.get(events, Map.of("Last-Event-ID", lastId));
        assertGapless(first, 0);
        assertGapless(rest, Long.parseLong(lastId) + 1);
        assertEquals("done", rest.get(rest.size() - 1).event());
    }

    @Test
    void concurrentSubscribersReceiveIdenticalSequences() throws Exception {
        String id = Streams.start(base, """
                {"model":"sluice-sim","prompt":"x","simulator":{"gap_ms":2,"ttft_ms":50,"tokens":100,"seed":11}}""");
        URI events = base.resolve("/v1/streams/" + id + "/events");
        var a = CompletableFuture.supplyAsync(() -> SseClient.get(events, Map.of()));
        var b = CompletableFuture.supplyAsync(() -> SseClient.get(events, Map.of()));
        var c = CompletableFuture.supplyAsync(() -> SseClient.get(events, Map.of()));
        assertEquals(a.get(), b.get());
        assertEquals(a.get(), c.get());
        assertGapless(a.get(), 0);
        assertEquals("done", a.get().get(a.get().size() - 1).event());
    }

    @Test
    void bytesOfEmojiAndCjkSplitAtEveryBoundaryArriveAsWholeCharacters() {
        String text = "Zoë 東京 👩‍💻 🇫🇷 ok ñ 한국어 ∑";
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"),
                "{\"model\":\"test-script\",\"prompt\":\"x\",\"simulator\":{\"script\":\"" + text + "\",\"chunk\":1}}"));
        StringBuilder joined = new StringBuilder();
        for (SseEvent e : events) {
            if (e.event().equals("delta")) {
                String piece = e.json().path("text").asText();
                assertTrue(piece.codePoints().noneMatch(cp -> cp == 0xFFFD), "replacement char in " + piece);
                assertTrue(!Character.isHighSurrogate(piece.charAt(piece.length() - 1)), "split surrogate");
                joined.append(piece);
            }
        }
        assertEquals(text, joined.toString());
    }

    @Test
    void errorEventEndsAStreamThatFailsMidway() {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"), """
                {"model":"sluice-echo","prompt":"one two three four five six seven eight",
                 "simulator":{"gap_ms":0,"ttft_ms":0,"fail":"drop","fail_at":4}}"""));
        assertGapless(events, 0);
        SseEvent last = events.get(events.size() - 1);
        assertEquals("error", last.event());
        JsonNode error = last.json();
        assertEquals("upstream_error", error.path("code").asText());
        assertTrue(error.path("retryable").asBoolean());
        assertEquals(4, events.stream().filter(e -> e.event().equals("delta")).count());
        assertNull(events.stream().filter(e -> e.event().equals("done")).findAny().orElse(null));
    }

    static void assertGapless(List<SseEvent> events, long firstSeq) {
        List<Long> ids = events.stream().map(e -> Long.parseLong(e.id())).toList();
        List<Long> seqs = events.stream().map(SseEvent::seq).toList();
        List<Long> expected = LongStream.range(firstSeq, firstSeq + events.size()).boxed().toList();
        assertEquals(expected, ids);
        assertEquals(expected, seqs);
    }
}
