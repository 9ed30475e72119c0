package dev.sluice.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ToolCall;
import dev.sluice.provider.ToolChoice;
import dev.sluice.provider.http.ToolTurns;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.ProviderContractTest;
import dev.sluice.provider.http.Outcome;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import io.vertx.mutiny.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicProviderTest extends ProviderContractTest {

    @Override
    protected ModelProvider create(Vertx vertx, HttpProviderSettings settings) {
        return new AnthropicProvider(vertx, settings);
    }

    @Override
    protected String mediaType() {
        return "text/event-stream";
    }

    @Override
    protected String happyFixture() {
        return "anthropic/thinking-text.sse";
    }

    @Override
    protected List<Fixture> fixtures() {
        return List.of(
                Fixture.ok("anthropic/thinking-text.sse",
                        Map.of(Channel.REASONING, "The user greets me; answer in 日本語 too.",
                                Channel.CONTENT, "Hello! こんにちは 🎉🎉"),
                        new Delta.Usage(25, 15), FinishReason.STOP),
                Fixture.ok("anthropic/tool-use.sse",
                        Map.of(Channel.CONTENT, "Checking the weather…",
                                Channel.TOOL_CALL, "{\"location\": \"São Paulo\"}"),
                        new Delta.Usage(472, 89), FinishReason.TOOL_CALLS),
                Fixture.ok("anthropic/parallel-tools.sse",
                        Map.of(Channel.TOOL_CALL, "{\"city\": \"Zürich\", \"unit\": \"°C\"}{}"),
                        new Delta.Usage(610, 71), FinishReason.TOOL_CALLS),
                Fixture.ok("anthropic/citations.sse",
                        Map.of(Channel.CONTENT, "the grass is green and the sky is blue; rain is wet. 🌧"),
                        new Delta.Usage(610, 31), FinishReason.STOP),
                Fixture.ok("anthropic/max-tokens.sse", Map.of(Channel.CONTENT, "Once upon a time"),
                        new Delta.Usage(8, 4), FinishReason.LENGTH),
                Fixture.failing("anthropic/overloaded.sse", Map.of(Channel.CONTENT, "Partial "),
                        ErrorCode.UPSTREAM_ERROR),
                Fixture.failing("anthropic/no-stop.sse", Map.of(Channel.CONTENT, "cut short"),
                        ErrorCode.UPSTREAM_ERROR),
                Fixture.failing("anthropic/malformed.sse", Map.of(), ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @Test
    void citationsPrecedeTheTextTheySupport() {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture("anthropic/citations.sse"), 3));
        Outcome outcome = Outcome.of(provider().stream(request()));
        // each citation, and each run of text (its pieces depend on the split), in order
        List<String> sequence = new ArrayList<>();
        for (Delta d : outcome.deltas()) {
            if (d instanceof Delta.Citation c) {
                sequence.add("cite:" + c.source());
            } else if (d instanceof Delta.Text && (sequence.isEmpty() || !sequence.get(sequence.size() - 1).equals("text"))) {
                sequence.add("text");
            }
        }
        assertEquals(List.of("cite:Garden notes", "text", "cite:document 1", "text",
                "cite:https://example.com/wetter?q=pluie", "cite:kb://weather/rain", "text"), sequence);
        assertEquals(FinishReason.STOP, outcome.finish());
    }

    @Test
    void toolUseBlocksBecomeCallsWithTheirIdNameAndInputFragmentsInOrder() {
        server.enqueue(Reply.byteByByte(mediaType(), Reply.fixture("anthropic/tool-use.sse"), 5));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(List.of(new Delta.ToolCall(0, "toolu_01", "get_weather", ""),
                new Delta.ToolCall(0, null, null, "{\"location\": \"São"),
                new Delta.ToolCall(0, null, null, " Paulo\"}")), outcome.toolCalls());
        assertEquals("Checking the weather…", outcome.content());
        assertEquals(FinishReason.TOOL_CALLS, outcome.finish());
    }

    @Test
    void parallelToolUseBlocksAreNumberedAmongTheCallsAndACallWithoutInputGetsAnEmptyObject() {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture("anthropic/parallel-tools.sse"), 2));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(List.of(new Delta.ToolCall(0, "toolu_01A", "get_weather", ""),
                new Delta.ToolCall(0, null, null, "{\"city\": \"Zü"),
                new Delta.ToolCall(0, null, null, "rich\", \"unit\": \"°C\"}"),
                new Delta.ToolCall(1, "toolu_01B", "get_time", ""),
                new Delta.ToolCall(1, null, null, "{}")), outcome.toolCalls());
        assertEquals(new Delta.Usage(610, 71), outcome.usage());
        assertEquals(FinishReason.TOOL_CALLS, outcome.finish());
    }

    @Test
    void sendsToolsChoiceToolUseBlocksAndOneUserTurnOfToolResults() {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture(happyFixture()), 1));
        Outcome.of(provider().stream(ToolTurns.request(ToolChoice.function("get_weather"), false)));
        JsonObject body = server.received().get(0).body();
        assertEquals(new JsonArray("""
                [{"name":"get_weather","description":"Current weather",
                  "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                 {"name":"get_time","input_schema":{"type":"object","properties":{}}}]"""), body.getJsonArray("tools"));
        assertEquals(new JsonObject("{\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true}"),
                body.getJsonObject("tool_choice"));
        assertEquals("Be brief.", body.getString("system"));
        assertEquals(new JsonArray("""
                [{"role":"user","content":"Weather and time in Zürich?"},
                 {"role":"assistant","content":[{"type":"text","text":"Let me look."},
                   {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Zürich"}},
                   {"type":"tool_use","id":"call_2","name":"get_time","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"{\\"temp\\":3}"},
                   {"type":"tool_result","tool_use_id":"call_2","content":"09:30"}]},
                 {"role":"user","content":"Thanks. And tomorrow?"}]"""), body.getJsonArray("messages"));
    }

    @Test
    void toolChoiceModesMapOntoAnthropicsTypes() {
        assertEquals("{\"type\":\"any\"}", choice(ToolChoice.REQUIRED, null));
        assertEquals("{\"type\":\"none\"}", choice(ToolChoice.NONE, false));
        assertEquals("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}", choice(null, false));
        assertEquals("{\"type\":\"auto\"}", choice(ToolChoice.AUTO, true));
        assertEquals("null", choice(null, null));
    }

    private static String choice(ToolChoice choice, Boolean parallel) {
        return String.valueOf(AnthropicProvider.body(ToolTurns.request(choice, parallel)).get("tool_choice"));
    }

    @Test
    void anEarlierCallWhoseArgumentsAreNotAnObjectIsABadRequest() {
        GenerationRequest request = new GenerationRequest("m", List.of(ChatMessage.user("q"),
                ChatMessage.assistantCalls(null, List.of(new ToolCall("call_9", "f", "[1,2]")))), null, null, false,
                null, Map.of());
        var e = assertThrows(IllegalArgumentException.class, () -> provider().validate(request));
        assertEquals("The arguments of the tool call 'call_9' must be a JSON object for this model's provider.",
                e.getMessage());
    }

    @Override
    protected void assertRequest(ReplayServer.Received request) {
        assertEquals("/v1/messages", request.uri());
        assertEquals(API_KEY, request.headers().get("x-api-key"));
        assertEquals("2023-06-01", request.headers().get("anthropic-version"));
        assertFalse(request.headers().containsKey("Authorization"));
        assertEquals("Be brief.", request.body().getString("system"));
        assertEquals(64, request.body().getInteger("max_tokens"));
        assertEquals(1, request.body().getJsonArray("messages").size());
        assertEquals(true, request.body().getBoolean("stream"));
    }
}
