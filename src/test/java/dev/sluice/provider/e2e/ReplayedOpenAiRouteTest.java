package dev.sluice.provider.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Sluice's HTTP surface routed to a real upstream adapter and a local replaying upstream: the
 * client gets exactly the upstream's text, and upstream failures reach it as Sluice errors.
 * Each test queues the replies it consumes, so the order of the tests does not matter.
 */
@QuarkusTest
@TestProfile(ReplayedOpenAiProfile.class)
class ReplayedOpenAiRouteTest {

    private static final String TEXT = "Hello, wörld 🌍! 你好，世界 👩‍💻\nline two";
    private static final String CHAT = """
            {"model":"replayed","stream":%s,"stream_options":{"include_usage":true},
             "messages":[{"role":"user","content":"Say hello"}]}""";

    @TestHTTPResource("/v1/chat/completions")
    URI completions;

    @TestHTTPResource("/v1/streams")
    URI streams;

    private static ReplayServer upstream() {
        return ReplayedUpstreamResource.server;
    }

    private static Reply happyReply(long seed) {
        return Reply.stream("text/event-stream", Reply.fixture("openai/text-utf8.sse"), seed);
    }

    private static String streamedText(List<SseEvent> events) {
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        StringBuilder text = new StringBuilder();
        events.subList(0, events.size() - 1)
                .forEach(e -> text.append(e.json().at("/choices/0/delta/content").asText("")));
        return text.toString();
    }

    @Test
    void chatCompletionsStreamsTheReplayedTextExactly() {
        int before = upstream().received().size();
        upstream().enqueue(happyReply(11));
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(completions, CHAT.formatted(true)));
        assertEquals(TEXT, streamedText(events));
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(SseEvent::json).toList();
        assertEquals(List.of("stop"), chunks.stream().map(c -> c.at("/choices/0/finish_reason"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).toList());
        JsonNode usage = chunks.get(chunks.size() - 1).get("usage");
        assertEquals(12, usage.get("prompt_tokens").asInt());
        assertEquals(9, usage.get("completion_tokens").asInt());

        assertEquals(before + 1, upstream().received().size());
        var request = upstream().received().get(before);
        assertEquals("/v1/chat/completions", request.uri());
        assertEquals("gpt-replay", request.body().getString("model"));
        assertEquals("Bearer sk-replay", request.headers().get("Authorization"));
    }

    @Test
    void anUpstream401IsA502WithCodeUpstreamAuthAndIsNotRetried() {
        int before = upstream().received().size();
        upstream().enqueue(Reply.status(401, Map.of()));
        Response response = given().contentType("application/json").body(CHAT.formatted(false))
                .post("/v1/chat/completions");
        assertEquals(502, response.statusCode());
        assertEquals("upstream_auth", response.jsonPath().getString("error.code"));
        assertFalse(response.asString().contains("sk-"), "neither the key nor the upstream body leaks: " + response.asString());
        assertEquals(before + 1, upstream().received().size(), "an auth failure is not retried");
    }

    @Test
    void anUpstream429WithRetryAfterBeforeTheFirstTokenIsRetried() {
        int before = upstream().received().size();
        upstream().enqueue(Reply.status(429, Map.of("Retry-After", "1")), happyReply(5));
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(completions, CHAT.formatted(true)));
        assertEquals(TEXT, streamedText(events));
        assertEquals(before + 2, upstream().received().size(), "one rate-limited attempt, one retry");
    }

    @Test
    void aDropMidStreamEndsTheNativeStreamWithARetryableErrorAfterTheDeliveredText() {
        byte[] fixture = Reply.fixture("openai/text-utf8.sse");
        String wire = new String(fixture, StandardCharsets.ISO_8859_1); // byte offsets, whatever the encoding
        int firstText = wire.indexOf("\"content\":\"Hello\"");
        int afterHello = wire.indexOf("\n\n", firstText) + 2;
        int before = upstream().received().size();
        upstream().enqueue(happyReply(3).dropAfter(afterHello));

        List<SseEvent> events = SseClient.readAll(SseClient.postJson(streams,
                "{\"model\":\"replayed\",\"prompt\":\"Say hello\"}"));
        List<JsonNode> json = events.stream().map(SseEvent::json).toList();
        assertEquals(LongStream.range(0, json.size()).boxed().toList(),
                json.stream().map(e -> e.get("seq").asLong()).toList(), "gapless seqs");
        assertEquals(List.of("start", "delta", "error"), json.stream().map(e -> e.get("type").asText()).toList());
        assertEquals("content", json.get(1).get("channel").asText());
        assertEquals("Hello", json.get(1).get("text").asText(), "the text delivered before the drop, once");
        JsonNode error = json.get(2);
        assertEquals("upstream_error", error.get("code").asText());
        assertTrue(error.get("retryable").asBoolean());
        assertEquals(before + 1, upstream().received().size(), "no retry and no fallback after the first delta");
    }
}
