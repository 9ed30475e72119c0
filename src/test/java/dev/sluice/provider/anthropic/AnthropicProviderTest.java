package dev.sluice.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sluice.provider.Delta;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.ProviderContractTest;
import dev.sluice.provider.http.Outcome;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.stream.Channel;
import dev.sluice.stream.ErrorCode;
import dev.sluice.stream.FinishReason;
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
