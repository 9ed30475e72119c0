package dev.sluice.provider.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sluice.model.Delta;
import dev.sluice.provider.ToolChoice;
import dev.sluice.provider.http.Outcome;
import dev.sluice.provider.http.Reply;
import dev.sluice.provider.http.ToolTurns;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.ProviderContractTest;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import io.vertx.mutiny.core.Vertx;
import java.util.List;
import java.util.Map;

class OllamaProviderTest extends ProviderContractTest {

    @Override
    protected ModelProvider create(Vertx vertx, HttpProviderSettings settings) {
        return new OllamaProvider(vertx, settings);
    }

    @Override
    protected String mediaType() {
        return "application/x-ndjson";
    }

    @Override
    protected String happyFixture() {
        return "ollama/thinking-text.ndjson";
    }

    @Override
    protected List<Fixture> fixtures() {
        return List.of(
                Fixture.ok("ollama/thinking-text.ndjson",
                        Map.of(Channel.REASONING, "Greeting; reply in Русский and emoji.",
                                Channel.CONTENT, "Привет, мир 🦙"),
                        new Delta.Usage(11, 18), FinishReason.STOP),
                Fixture.ok("ollama/length.ndjson", Map.of(Channel.CONTENT, "数学は楽しい"), new Delta.Usage(7, 3),
                        FinishReason.LENGTH),
                Fixture.ok("ollama/tool-call.ndjson", Map.of(Channel.TOOL_CALL, "{\"city\":\"Zürich\"}"),
                        new Delta.Usage(20, 12), FinishReason.TOOL_CALLS),
                Fixture.ok("ollama/parallel-tool-calls.ndjson",
                        Map.of(Channel.REASONING, "Two cities, two calls.",
                                Channel.TOOL_CALL, "{\"city\":\"Zürich\",\"unit\":\"°C\"}{\"city\":\"東京\"}"),
                        new Delta.Usage(188, 41), FinishReason.TOOL_CALLS),
                Fixture.failing("ollama/error-line.ndjson", Map.of(Channel.CONTENT, "Partial "),
                        ErrorCode.UPSTREAM_ERROR),
                Fixture.failing("ollama/no-done.ndjson", Map.of(Channel.CONTENT, "cut short"),
                        ErrorCode.UPSTREAM_ERROR),
                Fixture.failing("ollama/malformed.ndjson", Map.of(Channel.CONTENT, "ok "),
                        ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @Test
    void aToolCallIsOneWholeCallWithAGeneratedIdAndFinishesToolCalls() {
        server.enqueue(Reply.byteByByte(mediaType(), Reply.fixture("ollama/tool-call.ndjson"), 8));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(List.of(new Delta.ToolCall(0, "call_0", "get_weather", "{\"city\":\"Zürich\"}")),
                outcome.toolCalls());
        assertEquals(FinishReason.TOOL_CALLS, outcome.finish(), "done_reason stop after a call");
    }

    @Test
    void parallelCallsKeepTheIdsNewerOllamaGives() {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture("ollama/parallel-tool-calls.ndjson"), 3));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(List.of(
                new Delta.ToolCall(0, "call_fz1q8k2n", "get_weather", "{\"city\":\"Zürich\",\"unit\":\"°C\"}"),
                new Delta.ToolCall(1, "call_3mxv0c7a", "get_weather", "{\"city\":\"東京\"}")), outcome.toolCalls());
        assertEquals("Two cities, two calls.", outcome.text().get(Channel.REASONING));
        assertEquals(new Delta.Usage(188, 41), outcome.usage());
        assertEquals(FinishReason.TOOL_CALLS, outcome.finish());
    }

    @Test
    void sendsToolsAndCallsWithObjectArgumentsAndNamedToolTurns() {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture(happyFixture()), 1));
        Outcome.of(provider().stream(ToolTurns.request(ToolChoice.REQUIRED, false)));
        JsonObject body = server.received().get(0).body();
        assertEquals(new JsonArray("""
                [{"type":"function","function":{"name":"get_weather","description":"Current weather",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
                 {"type":"function","function":{"name":"get_time"}}]"""), body.getJsonArray("tools"));
        assertNull(body.getValue("tool_choice"), "Ollama has no tool_choice");
        assertNull(body.getValue("parallel_tool_calls"));
        assertEquals(new JsonArray("""
                [{"role":"system","content":"Be brief."},
                 {"role":"user","content":"Weather and time in Zürich?"},
                 {"role":"assistant","content":"Let me look.","tool_calls":[
                   {"id":"call_1","function":{"name":"get_weather","arguments":{"city":"Zürich"}}},
                   {"id":"call_2","function":{"name":"get_time","arguments":{}}}]},
                 {"role":"tool","content":"{\\"temp\\":3}","tool_name":"get_weather","tool_call_id":"call_1"},
                 {"role":"tool","content":"09:30","tool_name":"get_time","tool_call_id":"call_2"},
                 {"role":"user","content":"Thanks. And tomorrow?"}]"""), body.getJsonArray("messages"));
    }

    @Override
    protected void assertRequest(ReplayServer.Received request) {
        assertEquals("/api/chat", request.uri());
        assertEquals("Bearer " + API_KEY, request.headers().get("Authorization"));
        assertEquals(true, request.body().getBoolean("stream"));
        assertEquals(64, request.body().getJsonObject("options").getInteger("num_predict"));
        assertEquals("test-model", request.body().getString("model"));
    }
}
