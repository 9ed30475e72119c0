package dev.sluice.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.provider.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.ProviderContractTest;
import dev.sluice.provider.http.Outcome;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.stream.Channel;
import dev.sluice.stream.ErrorCode;
import dev.sluice.stream.FinishReason;
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
