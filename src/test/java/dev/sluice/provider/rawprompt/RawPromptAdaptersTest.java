package dev.sluice.provider.rawprompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.Tools;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.Outcome;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.provider.http.TimeoutPolicy;
import dev.sluice.provider.ollama.OllamaProvider;
import dev.sluice.provider.openai.OpenAiProvider;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Raw-prompt generations ({@code /v1/completions}) in the adapters whose upstream continues a
 * prompt: the exact upstream request and the exact text, usage and finish reason of a recorded
 * stream replayed in random pieces.
 */
class RawPromptAdaptersTest {

    private static final GenerationRequest RAW = new GenerationRequest("m", List.of(ChatMessage.user(
            "The capital of France is")), 16, 0.0, false, null, Map.of(), Tools.NONE, true);

    private Vertx vertx;
    private ReplayServer server;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = ReplayServer.start(vertx.getDelegate());
    }

    @AfterEach
    void stop() {
        server.close();
        vertx.closeAndAwait();
    }

    private HttpProviderSettings settings(String path) {
        return new HttpProviderSettings("up", server.baseUrl() + path, "sk-raw", Map.of(), TimeoutPolicy.DEFAULT,
                null);
    }

    @Test
    void openAiPostsThePromptToCompletionsAndMapsChoicesText() {
        for (long seed : new long[] {1, 7, 42}) {
            server.enqueue(Reply.stream("text/event-stream", Reply.fixture("openai/completion-text.sse"), seed));
            Outcome outcome = Outcome.of(new OpenAiProvider(vertx, settings("/v1")).stream(RAW));
            assertNull(outcome.failure());
            assertEquals(" Paris, the city of lights 🌍 — très belle.", outcome.content());
            assertEquals(new Delta.Usage(6, 8), outcome.usage());
            assertEquals(FinishReason.LENGTH, outcome.finish());
        }
        ReplayServer.Received received = server.received().get(0);
        assertEquals("/v1/completions", received.uri());
        assertEquals("Bearer sk-raw", received.headers().get("Authorization"));
        assertEquals(new JsonObject("""
                {"model":"m","prompt":"The capital of France is","stream":true,"stream_options":{"include_usage":true},
                 "max_tokens":16,"temperature":0.0}"""), received.body());
    }

    @Test
    void openAiCompletionsWithoutDoneIsAnUpstreamError() {
        byte[] fixture = Reply.fixture("openai/completion-text.sse");
        String text = new String(fixture, StandardCharsets.UTF_8);
        byte[] cut = text.substring(0, text.indexOf("data: [DONE]")).getBytes(StandardCharsets.UTF_8);
        server.enqueue(Reply.stream("text/event-stream", cut, 3));
        Outcome outcome = Outcome.of(new OpenAiProvider(vertx, settings("/v1")).stream(RAW));
        assertEquals(ErrorCode.UPSTREAM_ERROR, ((dev.sluice.provider.ProviderException) outcome.failure()).code());
    }

    @Test
    void ollamaUsesApiGenerateWithRawTrue() {
        server.enqueue(Reply.stream("application/x-ndjson", Reply.fixture("ollama/generate-text.ndjson"), 11));
        Outcome outcome = Outcome.of(new OllamaProvider(vertx, settings("")).stream(RAW));
        assertNull(outcome.failure());
        assertEquals(" Paris, ville lumière 🌍", outcome.content());
        assertEquals(new Delta.Usage(5, 7), outcome.usage());
        assertEquals(FinishReason.LENGTH, outcome.finish());
        ReplayServer.Received received = server.received().get(0);
        assertEquals("/api/generate", received.uri());
        assertEquals(new JsonObject("""
                {"model":"m","prompt":"The capital of France is","raw":true,"stream":true,
                 "options":{"num_predict":16,"temperature":0.0}}"""), received.body());
    }
}
