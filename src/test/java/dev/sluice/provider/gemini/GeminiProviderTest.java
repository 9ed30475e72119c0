package dev.sluice.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.ToolChoice;
import dev.sluice.provider.http.ToolTurns;
import io.vertx.core.json.JsonArray;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.ProviderContractTest;
import dev.sluice.provider.http.Outcome;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiProviderTest extends ProviderContractTest {

    @Override
    protected ModelProvider create(Vertx vertx, HttpProviderSettings settings) {
        return new GeminiProvider(vertx, settings);
    }

    @Override
    protected String mediaType() {
        return "text/event-stream";
    }

    @Override
    protected String happyFixture() {
        return "gemini/thought-text.sse";
    }

    @Override
    protected List<Fixture> fixtures() {
        return List.of(
                Fixture.ok("gemini/thought-text.sse",
                        Map.of(Channel.REASONING, "**Planning** the answer in Ελληνικά",
                                Channel.CONTENT, "Γειά σου κόσμε 🌏 한국어"),
                        new Delta.Usage(9, 30), FinishReason.STOP),
                Fixture.ok("gemini/safety.sse", Map.of(Channel.CONTENT, "I can start"), new Delta.Usage(4, 3),
                        FinishReason.CONTENT_FILTER),
                Fixture.ok("gemini/function-call.sse", Map.of(Channel.TOOL_CALL, "{\"city\":\"Zürich\"}"),
                        new Delta.Usage(30, 6), FinishReason.TOOL_CALLS),
                Fixture.ok("gemini/parallel-calls.sse",
                        Map.of(Channel.TOOL_CALL, "{\"city\":\"Zürich\",\"unit\":\"°C\"}{\"city\":\"東京\"}{}"),
                        new Delta.Usage(52, 21), FinishReason.TOOL_CALLS),
                Fixture.failing("gemini/error-event.sse", Map.of(Channel.CONTENT, "Partial "),
                        ErrorCode.UPSTREAM_ERROR),
                Fixture.failing("gemini/no-finish.sse", Map.of(Channel.CONTENT, "cut short"),
                        ErrorCode.UPSTREAM_ERROR),
                Fixture.failing("gemini/malformed.sse", Map.of(Channel.CONTENT, "ok "),
                        ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @Test
    void includeThoughtsIsSentOnlyWhenTheRequestAsksForIt() {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture(happyFixture()), 1));
        GenerationRequest base = request();
        for (Map<String, Object> options : List.<Map<String, Object>>of(Map.of(), Map.of("include_thoughts", true),
                Map.of("reasoning", true), Map.of("include_thoughts", false))) {
            Outcome.of(provider().stream(new GenerationRequest(base.model(), base.messages(), base.maxTokens(),
                    base.temperature(), false, null, options)));
        }
        List<String> sent = server.received().stream()
                .map(r -> r.body().getJsonObject("generationConfig").getValue("thinkingConfig"))
                .map(c -> c == null ? "absent" : String.valueOf(((JsonObject) c).getBoolean("includeThoughts")))
                .toList();
        assertEquals(List.of("absent", "true", "true", "absent"), sent);
    }

    @Test
    void aNonBooleanIncludeThoughtsIsABadRequest() {
        GenerationRequest base = request();
        var e = assertThrows(IllegalArgumentException.class, () -> provider().validate(new GenerationRequest(
                base.model(), base.messages(), null, null, false, null, Map.of("include_thoughts", "yes"))));
        assertEquals("The option 'include_thoughts' must be true or false.", e.getMessage());
    }

    @Test
    void aFunctionCallPartIsOneWholeCallWithAGeneratedId() {
        server.enqueue(Reply.byteByByte(mediaType(), Reply.fixture("gemini/function-call.sse"), 4));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(List.of(new Delta.ToolCall(0, "call_0", "get_weather", "{\"city\":\"Zürich\"}")),
                outcome.toolCalls());
        assertEquals(FinishReason.TOOL_CALLS, outcome.finish());
    }

    @Test
    void parallelCallsAreNumberedInStreamOrderAndKeepAnIdGeminiGave() {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture("gemini/parallel-calls.sse"), 6));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(List.of(
                new Delta.ToolCall(0, "call_0", "get_weather", "{\"city\":\"Zürich\",\"unit\":\"°C\"}"),
                new Delta.ToolCall(1, "call_1", "get_weather", "{\"city\":\"東京\"}"),
                new Delta.ToolCall(2, "fc-7d1e", "get_time", "{}")), outcome.toolCalls());
        assertEquals(new Delta.Usage(52, 21), outcome.usage());
        assertEquals(FinishReason.TOOL_CALLS, outcome.finish());
    }

    @Test
    void sendsFunctionDeclarationsCallingConfigFunctionCallsAndOneTurnOfResponses() {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture(happyFixture()), 1));
        Outcome.of(provider().stream(ToolTurns.request(ToolChoice.function("get_weather"), false)));
        JsonObject body = server.received().get(0).body();
        assertEquals(new JsonArray("""
                [{"functionDeclarations":[{"name":"get_weather","description":"Current weather",
                  "parametersJsonSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                  {"name":"get_time"}]}]"""), body.getJsonArray("tools"));
        assertEquals(new JsonObject("{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_weather\"]}}"),
                body.getJsonObject("toolConfig"));
        assertEquals(new JsonArray("""
                [{"role":"user","parts":[{"text":"Weather and time in Zürich?"}]},
                 {"role":"model","parts":[{"text":"Let me look."},
                   {"functionCall":{"name":"get_weather","args":{"city":"Zürich"}},
                    "thoughtSignature":"skip_thought_signature_validator"},
                   {"functionCall":{"name":"get_time","args":{}}}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temp":3}}},
                   {"functionResponse":{"name":"get_time","response":{"output":"09:30"}}}]},
                 {"role":"user","parts":[{"text":"Thanks. And tomorrow?"}]}]"""), body.getJsonArray("contents"));
    }

    @Test
    void callingModesMapOntoFunctionCallingConfig() {
        assertEquals("{\"mode\":\"ANY\"}", mode(ToolChoice.REQUIRED));
        assertEquals("{\"mode\":\"NONE\"}", mode(ToolChoice.NONE));
        assertEquals("{\"mode\":\"AUTO\"}", mode(ToolChoice.AUTO));
        assertEquals("null", String.valueOf(GeminiProvider.body(ToolTurns.request(null, true)).get("toolConfig")));
    }

    private static String mode(ToolChoice choice) {
        return GeminiProvider.body(ToolTurns.request(choice, null)).path("toolConfig").path("functionCallingConfig")
                .toString();
    }

    @Test
    void aToolResultWhoseFunctionCannotBeNamedIsABadRequest() {
        GenerationRequest request = new GenerationRequest("m", List.of(ChatMessage.user("q"),
                ChatMessage.toolResult("call_x", null, "42")), null, null, false, null, Map.of());
        var e = assertThrows(IllegalArgumentException.class, () -> provider().validate(request));
        assertEquals("The tool result for 'call_x' answers no earlier tool call; Gemini needs the function's name "
                + "(give the tool message a 'name').", e.getMessage());
    }

    @Override
    protected void assertRequest(ReplayServer.Received request) {
        assertEquals("/v1beta/models/test-model:streamGenerateContent?alt=sse", request.uri());
        assertEquals(API_KEY, request.headers().get("x-goog-api-key"));
        assertEquals("Be brief.", request.body().getJsonObject("systemInstruction").getJsonArray("parts")
                .getJsonObject(0).getString("text"));
        assertEquals("user", request.body().getJsonArray("contents").getJsonObject(0).getString("role"));
        assertEquals(64, request.body().getJsonObject("generationConfig").getInteger("maxOutputTokens"));
    }
}
