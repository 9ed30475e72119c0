package dev.sluice.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ToolCall;
import dev.sluice.provider.ToolChoice;
import dev.sluice.provider.ToolDefinition;
import dev.sluice.provider.Tools;
import io.vertx.core.json.JsonObject;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.Outcome;
import dev.sluice.provider.http.ProviderContractTest;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.provider.http.TimeoutPolicy;
import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import io.vertx.mutiny.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest extends ProviderContractTest {

    @Override
    protected ModelProvider create(Vertx vertx, HttpProviderSettings settings) {
        return new OpenAiProvider(vertx, settings);
    }

    @Override
    protected String mediaType() {
        return "text/event-stream";
    }

    @Override
    protected String happyFixture() {
        return "openai/text-utf8.sse";
    }

    @Override
    protected List<Fixture> fixtures() {
        return List.of(
                Fixture.ok("openai/text-utf8.sse",
                        Map.of(Channel.CONTENT, "Hello, wörld 🌍! 你好，世界 👩‍💻\nline two"),
                        new Delta.Usage(12, 9), FinishReason.STOP),
                Fixture.ok("openai/reasoning-crlf.sse",
                        Map.of(Channel.REASONING, "Let me think about π… done.", Channel.CONTENT, "π ≈ 3.14159"),
                        new Delta.Usage(5, 16), FinishReason.LENGTH),
                Fixture.ok("openai/tool-call.sse", Map.of(Channel.TOOL_CALL, "{\"city\":\"Zürich\"}"),
                        new Delta.Usage(40, 7), FinishReason.TOOL_CALLS),
                Fixture.failing("openai/error-event.sse", Map.of(Channel.CONTENT, "Partial "),
                        ErrorCode.UPSTREAM_ERROR),
                Fixture.failing("openai/no-done.sse", Map.of(Channel.CONTENT, "cut short"), ErrorCode.UPSTREAM_ERROR),
                Fixture.failing("openai/malformed.sse", Map.of(Channel.CONTENT, "ok "),
                        ErrorCode.UPSTREAM_BAD_RESPONSE),
                // one parser reads all of a stream's chunks: what follows a chunk's object is refused, not carried over
                Fixture.failing("openai/trailing-scalar.sse", Map.of(Channel.CONTENT, "ok "),
                        ErrorCode.UPSTREAM_BAD_RESPONSE),
                Fixture.failing("openai/trailing-object.sse", Map.of(Channel.CONTENT, "ok "),
                        ErrorCode.UPSTREAM_BAD_RESPONSE),
                Fixture.ok("openai/multi-line-data.sse", Map.of(Channel.CONTENT, "two lines"),
                        new Delta.Usage(3, 2), FinishReason.STOP));
    }

    @Override
    protected void assertRequest(ReplayServer.Received request) {
        assertEquals("POST", request.method());
        assertEquals("/chat/completions", request.uri());
        assertEquals("Bearer " + API_KEY, request.headers().get("Authorization"));
        assertEquals("blue", request.headers().get("X-Team"));
        assertEquals("test-model", request.body().getString("model"));
        assertEquals(true, request.body().getBoolean("stream"));
        assertEquals(true, request.body().getJsonObject("stream_options").getBoolean("include_usage"));
        assertEquals(64, request.body().getInteger("max_tokens"));
        assertEquals("system", request.body().getJsonArray("messages").getJsonObject(0).getString("role"));
        assertEquals("Hi", request.body().getJsonArray("messages").getJsonObject(1).getString("content"));
    }

    @Test
    void azureSendsApiKeyHeaderAndApiVersion() {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture(happyFixture()), 2));
        HttpProviderSettings azure = new HttpProviderSettings("azure", server.baseUrl() + "/openai/deployments/gpt4o",
                API_KEY, Map.of(), TimeoutPolicy.DEFAULT, "2024-10-21");
        Outcome outcome = Outcome.of(new OpenAiProvider(vertx, azure).stream(request()));
        assertEquals(FinishReason.STOP, outcome.finish());
        ReplayServer.Received received = server.received().get(0);
        assertEquals("/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21", received.uri());
        assertEquals(API_KEY, received.headers().get("api-key"));
        assertFalse(received.headers().containsKey("Authorization"));
        assertTrue(outcome.content().startsWith("Hello"));
    }

    @Test
    void toolCallsKeepTheirIdNameAndArgumentOrder() {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture("openai/tool-call.sse"), 3));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(List.of(new Delta.ToolCall(0, "call_abc", "get_weather", ""),
                new Delta.ToolCall(0, null, null, "{\"city\":"),
                new Delta.ToolCall(0, null, null, "\"Zürich\"}")), outcome.toolCalls());
        assertEquals(FinishReason.TOOL_CALLS, outcome.finish());
    }

    @Test
    void forwardsToolsChoiceAndToolTurnsAsOpenAiDoes() {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture(happyFixture()), 1));
        JsonNode schema = new ObjectMapper().createObjectNode().put("type", "object");
        GenerationRequest request = new GenerationRequest("test-model", List.of(ChatMessage.user("Weather?"),
                ChatMessage.assistantCalls(null, List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}"))),
                ChatMessage.toolResult("call_1", "get_weather", "{\"temp\":3}")), 64, null, false, null, Map.of(),
                new Tools(List.of(new ToolDefinition("get_weather", "Current weather", schema)),
                        ToolChoice.function("get_weather"), false));
        Outcome outcome = Outcome.of(provider().stream(request));
        assertEquals(FinishReason.STOP, outcome.finish());
        JsonObject body = server.received().get(0).body();
        assertEquals(new JsonObject("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"description\":\"Current weather\",\"parameters\":{\"type\":\"object\"}}}"),
                body.getJsonArray("tools").getJsonObject(0));
        assertEquals(new JsonObject("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"),
                body.getJsonObject("tool_choice"));
        assertEquals(false, body.getBoolean("parallel_tool_calls"));
        JsonObject assistant = body.getJsonArray("messages").getJsonObject(1);
        assertNull(assistant.getValue("content"));
        assertEquals(new JsonObject("{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":"
                + "\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}"),
                assistant.getJsonArray("tool_calls").getJsonObject(0));
        JsonObject tool = body.getJsonArray("messages").getJsonObject(2);
        assertEquals("tool", tool.getString("role"));
        assertEquals("call_1", tool.getString("tool_call_id"));
        assertEquals("{\"temp\":3}", tool.getString("content"));
    }
}
