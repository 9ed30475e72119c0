package dev.sluice.provider.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An Anthropic upstream behind both ingresses, through the real {@code anthropic} adapter and a
 * replaying server: an OpenAI SDK's chat completion reads Anthropic's thinking and text, and an
 * Anthropic client reads them back as Anthropic's blocks, exactly as the upstream streamed them.
 */
@QuarkusTest
@TestProfile(ReplayedAnthropicProfile.class)
class AnthropicUpstreamRouteTest {

    private static final String THINKING = "The user greets me; answer in 日本語 too.";
    private static final String TEXT = "Hello! こんにちは 🎉🎉";

    @TestHTTPResource("/v1/chat/completions")
    URI completions;

    @TestHTTPResource("/v1/messages")
    URI messages;

    private static ReplayServer upstream() {
        return ReplayedAnthropicResource.server;
    }

    private static Reply fixture(String name, long seed) {
        return Reply.stream("text/event-stream", Reply.fixture("anthropic/" + name), seed);
    }

    @Test
    void chatCompletionsReadsAnAnthropicUpstreamsThinkingAndText() {
        int before = upstream().received().size();
        upstream().enqueue(fixture("thinking-text.sse", 7));
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(completions, """
                {"model":"claude-replayed","stream":true,"stream_options":{"include_usage":true},"max_tokens":300,
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]}"""));
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(SseEvent::json).toList();
        assertEquals(THINKING, chunks.stream().map(c -> c.at("/choices/0/delta/reasoning_content").asText(""))
                .collect(Collectors.joining()));
        assertEquals(TEXT, chunks.stream().map(c -> c.at("/choices/0/delta/content").asText(""))
                .collect(Collectors.joining()));
        assertEquals(List.of("stop"), chunks.stream().map(c -> c.at("/choices/0/finish_reason"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).toList());
        JsonNode usage = chunks.get(chunks.size() - 1).get("usage");
        assertEquals(25, usage.get("prompt_tokens").asInt());
        assertEquals(15, usage.get("completion_tokens").asInt());

        ReplayServer.Received request = upstream().received().get(before);
        assertEquals("/v1/messages", request.uri());
        assertEquals("sk-ant-replay", request.headers().get("x-api-key"));
        assertEquals("2023-06-01", request.headers().get("anthropic-version"));
        JsonObject body = request.body();
        assertEquals("claude-sonnet-4-5", body.getString("model"));
        assertEquals("Be brief.", body.getString("system"));
        assertEquals(300, body.getInteger("max_tokens"));
        assertEquals(1, body.getJsonArray("messages").size());
    }

    @Test
    void anAnthropicClientGetsTheUpstreamsThinkingAndTextBlocksBack() {
        upstream().enqueue(fixture("thinking-text.sse", 3));
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(messages, """
                {"model":"claude-replayed","max_tokens":300,"stream":true,"messages":[{"role":"user","content":"Hi"}]}"""));
        assertEquals(List.of("message_start", "ping",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop"), events.stream().map(SseEvent::event).toList());
        assertEquals("claude-replayed", events.get(0).json().at("/message/model").asText());
        JsonNode thinking = events.get(2).json();
        assertEquals(0, thinking.path("index").asInt());
        assertEquals("{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}",
                thinking.get("content_block").toString());
        assertEquals(List.of("thinking_delta", "thinking_delta"), events.subList(3, 5).stream()
                .map(e -> e.json().at("/delta/type").asText()).toList());
        assertEquals(THINKING, events.subList(3, 5).stream().map(e -> e.json().at("/delta/thinking").asText())
                .collect(Collectors.joining()));
        assertEquals(0, events.get(5).json().path("index").asInt());
        assertEquals(1, events.get(6).json().path("index").asInt());
        assertEquals("text", events.get(6).json().at("/content_block/type").asText());
        assertEquals(TEXT, events.subList(7, 9).stream().map(e -> e.json().at("/delta/text").asText())
                .collect(Collectors.joining()));
        assertEquals(1, events.get(9).json().path("index").asInt());
        JsonNode delta = events.get(10).json();
        assertEquals("end_turn", delta.at("/delta/stop_reason").asText());
        assertEquals(25, delta.at("/usage/input_tokens").asInt());
        assertEquals(15, delta.at("/usage/output_tokens").asInt());
    }

    @Test
    void aNonStreamedMessageHasTheThinkingBlockFirst() {
        upstream().enqueue(fixture("thinking-text.sse", 5));
        given().contentType("application/json").body("""
                        {"model":"claude-replayed","max_tokens":300,"messages":[{"role":"user","content":"Hi"}]}""")
                .post(messages)
                .then().statusCode(200)
                .body("content.type", equalTo(List.of("thinking", "text")))
                .body("content[0].thinking", equalTo(THINKING))
                .body("content[0].signature", equalTo(""))
                .body("content[1].text", equalTo(TEXT))
                .body("usage.input_tokens", equalTo(25))
                .body("usage.output_tokens", equalTo(15));
    }

    @Test
    void anUpstreamErrorEventAfterTextEndsTheStreamWithAnAnthropicErrorEvent() {
        upstream().enqueue(fixture("overloaded.sse", 9));
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(messages, """
                {"model":"claude-replayed","max_tokens":300,"stream":true,"messages":[{"role":"user","content":"Hi"}]}"""));
        assertEquals(List.of("message_start", "ping", "content_block_start", "content_block_delta", "error"),
                events.stream().map(SseEvent::event).toList());
        assertEquals("Partial ", events.get(3).json().at("/delta/text").asText());
        JsonNode error = events.get(4).json();
        assertEquals("error", error.path("type").asText());
        assertEquals("api_error", error.at("/error/type").asText());
        assertTrue(error.at("/error/details/error_code").asText().startsWith("upstream_"));
    }
}
