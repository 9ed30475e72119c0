package dev.sluice.provider.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Anthropic Messages ingress in front of an OpenAI-compatible upstream (the real {@code openai}
 * adapter, a replaying server): Anthropic's request shape arrives upstream as OpenAI's (system
 * turn, tools, tool_choice, assistant tool calls, tool results), and OpenAI's text and tool calls
 * come back as Anthropic's blocks.
 */
@QuarkusTest
@TestProfile(ReplayedOpenAiProfile.class)
class AnthropicIngressOpenAiUpstreamTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/v1/messages")
    URI messages;

    private static ReplayServer upstream() {
        return ReplayedUpstreamResource.server;
    }

    private static List<String> names(List<SseEvent> events) {
        return events.stream().map(SseEvent::event).toList();
    }

    @Test
    void theReplayedTextArrivesAsOneTextBlockWithTheUpstreamsUsage() {
        int before = upstream().received().size();
        upstream().enqueue(Reply.stream("text/event-stream", Reply.fixture("openai/text-utf8.sse"), 21));
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(messages, """
                {"model":"replayed","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Say hello"}]}"""));
        List<String> sequence = names(events);
        assertEquals(List.of("message_start", "ping", "content_block_start"), sequence.subList(0, 3));
        assertEquals(List.of("content_block_stop", "message_delta", "message_stop"),
                sequence.subList(sequence.size() - 3, sequence.size()));
        assertEquals(List.of("content_block_delta"), sequence.subList(3, sequence.size() - 3).stream().distinct().toList());
        assertEquals("Hello, wörld 🌍! 你好，世界 👩‍💻\nline two", events.stream()
                .filter(e -> "content_block_delta".equals(e.event()))
                .map(e -> e.json().at("/delta/text").asText()).collect(Collectors.joining()));
        JsonNode delta = events.get(events.size() - 2).json();
        assertEquals("end_turn", delta.at("/delta/stop_reason").asText());
        assertEquals(12, delta.at("/usage/input_tokens").asInt());
        assertEquals(9, delta.at("/usage/output_tokens").asInt());

        var body = upstream().received().get(before).body();
        assertEquals("gpt-replay", body.getString("model"));
        assertEquals(64, body.getInteger("max_tokens"));
        assertEquals("[{\"role\":\"user\",\"content\":\"Say hello\"}]", body.getJsonArray("messages").encode());
    }

    @Test
    void aToolConversationGoesUpstreamInOpenAisShapeAndItsCallComesBackAsToolUse() throws Exception {
        int before = upstream().received().size();
        upstream().enqueue(Reply.stream("text/event-stream", Reply.fixture("openai/tool-call.sse"), 4));
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(messages, """
                {"model":"replayed","max_tokens":64,"stream":true,"system":"Use tools.",
                 "tools":[{"name":"get_weather","description":"Weather now","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},
                 "messages":[{"role":"user","content":"Weather in Bern?"},
                             {"role":"assistant","content":[{"type":"text","text":"Let me look."},
                                                            {"type":"tool_use","id":"toolu_9","name":"get_weather","input":{"city":"Bern"}}]},
                             {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_9","content":[{"type":"text","text":"12°C"}]},
                                                       {"type":"text","text":"And Zürich?"}]}]}"""));
        assertEquals(List.of("message_start", "ping", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop"), names(events));
        assertEquals("{\"type\":\"tool_use\",\"id\":\"call_abc\",\"name\":\"get_weather\",\"input\":{}}",
                events.get(2).json().get("content_block").toString());
        assertEquals(List.of("{\"city\":", "\"Zürich\"}"), events.subList(3, 5).stream()
                .map(e -> e.json().at("/delta/partial_json").asText()).toList());
        JsonNode delta = events.get(6).json();
        assertEquals("tool_use", delta.at("/delta/stop_reason").asText());
        assertEquals(40, delta.at("/usage/input_tokens").asInt());
        assertEquals(7, delta.at("/usage/output_tokens").asInt());

        JsonNode body = MAPPER.readTree(upstream().received().get(before).body().encode());
        assertEquals(MAPPER.readTree("""
                [{"type":"function","function":{"name":"get_weather","description":"Weather now",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]"""), body.get("tools"));
        assertEquals("required", body.get("tool_choice").asText());
        assertEquals(false, body.get("parallel_tool_calls").asBoolean());
        assertEquals(MAPPER.readTree("""
                [{"role":"system","content":"Use tools."},
                 {"role":"user","content":"Weather in Bern?"},
                 {"role":"assistant","content":"Let me look.","tool_calls":[{"id":"toolu_9","type":"function",
                   "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Bern\\"}"}}]},
                 {"role":"tool","content":"12°C","tool_call_id":"toolu_9"},
                 {"role":"user","content":"And Zürich?"}]"""), body.get("messages"));
    }
}
