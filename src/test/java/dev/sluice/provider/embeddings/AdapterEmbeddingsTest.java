package dev.sluice.provider.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sluice.provider.EmbeddingRequest;
import dev.sluice.provider.Embeddings;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProviderException;
import dev.sluice.provider.anthropic.AnthropicProvider;
import dev.sluice.provider.gemini.GeminiProvider;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.provider.http.TimeoutPolicy;
import dev.sluice.provider.EmbeddingsUnsupportedException;
import dev.sluice.provider.ollama.OllamaProvider;
import dev.sluice.provider.openai.OpenAiProvider;
import dev.sluice.model.ErrorCode;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each adapter's embeddings call against a local replaying upstream (its answer written in small
 * random pieces): the exact upstream request (path, auth header, body) and the exact vectors and
 * usage it maps to; failures as {@link ProviderException}s like streams.
 */
class AdapterEmbeddingsTest {

    private static final String KEY = "sk-embed-0123";
    private static final EmbeddingRequest REQUEST = new EmbeddingRequest("embed-model",
            List.of("Grüße 🌍", "second"), 3);

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

    private <P extends ModelProvider> P provider(BiFunction<Vertx, HttpProviderSettings, P> create, String path) {
        return create.apply(vertx, new HttpProviderSettings("up", server.baseUrl() + path, KEY, Map.of(),
                TimeoutPolicy.DEFAULT, null));
    }

    private static Reply json(String body) {
        return new Reply(200, "application/json", Map.of(), body.getBytes(StandardCharsets.UTF_8), 5, 7, -1, -1);
    }

    private static Embeddings await(ModelProvider provider, EmbeddingRequest request) {
        return provider.embed(request).await().atMost(Duration.ofSeconds(20));
    }

    private static Throwable failure(ModelProvider provider, EmbeddingRequest request) {
        try {
            provider.embed(request).await().atMost(Duration.ofSeconds(20));
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void openAiPostsTheInputsAsFloatsAndOrdersTheAnswerByIndex() {
        server.enqueue(json("""
                {"object":"list","model":"embed-model","data":[
                 {"object":"embedding","index":1,"embedding":[0.5,-0.25,1.0]},
                 {"object":"embedding","index":0,"embedding":[0.125,0.0,-1.5e-3]}],
                 "usage":{"prompt_tokens":9,"total_tokens":9}}"""));
        Embeddings result = await(provider(OpenAiProvider::new, "/v1"), REQUEST);
        assertArrayEquals(new float[] {0.125f, 0.0f, -1.5e-3f}, result.vectors().get(0));
        assertArrayEquals(new float[] {0.5f, -0.25f, 1.0f}, result.vectors().get(1));
        assertEquals(9, result.promptTokens());
        ReplayServer.Received received = server.received().get(0);
        assertEquals("/v1/embeddings", received.uri());
        assertEquals("Bearer " + KEY, received.headers().get("Authorization"));
        assertEquals(new JsonObject("""
                {"model":"embed-model","input":["Grüße 🌍","second"],"dimensions":3,"encoding_format":"float"}"""),
                received.body());
    }

    @Test
    void geminiSendsOneRequestPerInputToBatchEmbedContents() {
        server.enqueue(json("""
                {"embeddings":[{"values":[0.1,0.2,0.3]},{"values":[-0.1,-0.2,-0.3]}]}"""));
        Embeddings result = await(provider(GeminiProvider::new, ""),
                new EmbeddingRequest("gemini-embedding-001", REQUEST.input(), 3));
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, result.vectors().get(0));
        assertArrayEquals(new float[] {-0.1f, -0.2f, -0.3f}, result.vectors().get(1));
        assertEquals(0, result.promptTokens(), "Gemini reports no token count");
        ReplayServer.Received received = server.received().get(0);
        assertEquals("/v1beta/models/gemini-embedding-001:batchEmbedContents", received.uri());
        assertEquals(KEY, received.headers().get("x-goog-api-key"));
        assertNull(received.headers().get("Authorization"));
        assertEquals(new JsonObject("""
                {"requests":[
                 {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"Grüße 🌍"}]},"outputDimensionality":3},
                 {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"second"}]},"outputDimensionality":3}]}"""),
                received.body());
    }

    @Test
    void ollamaPostsToApiEmbedAndReadsPromptEvalCount() {
        server.enqueue(json("""
                {"model":"nomic-embed-text","embeddings":[[1,2,3],[4,5,6.5]],"total_duration":14,"prompt_eval_count":6}"""));
        Embeddings result = await(provider(OllamaProvider::new, ""), new EmbeddingRequest("nomic-embed-text",
                REQUEST.input(), null));
        assertArrayEquals(new float[] {1, 2, 3}, result.vectors().get(0));
        assertArrayEquals(new float[] {4, 5, 6.5f}, result.vectors().get(1));
        assertEquals(6, result.promptTokens());
        ReplayServer.Received received = server.received().get(0);
        assertEquals("/api/embed", received.uri());
        assertEquals(new JsonObject("{\"model\":\"nomic-embed-text\",\"input\":[\"Grüße 🌍\",\"second\"]}"),
                received.body());
    }

    @Test
    void anAnswerWithTheWrongNumberOfVectorsIsABadResponse() {
        server.enqueue(json("{\"embeddings\":[[1,2,3]],\"prompt_eval_count\":1}"));
        Throwable failure = failure(provider(OllamaProvider::new, ""), REQUEST);
        assertEquals(ErrorCode.UPSTREAM_BAD_RESPONSE, assertInstanceOf(ProviderException.class, failure).code());
    }

    @Test
    void aStatusIsMappedAsForStreamsWithoutTheUpstreamBody() {
        server.enqueue(Reply.status(429, Map.of("Retry-After", "2")));
        ProviderException failure = assertInstanceOf(ProviderException.class,
                failure(provider(OpenAiProvider::new, "/v1"), REQUEST));
        assertEquals(ErrorCode.UPSTREAM_RATE_LIMITED, failure.code());
        assertEquals(Duration.ofSeconds(2), failure.retryAfter());
        assertEquals("provider 'up' answered HTTP 429: rate limited", failure.getMessage());
    }

    @Test
    void anAnswerThatIsNotJsonIsABadResponse() {
        server.enqueue(json("<html>oops</html>").contentType("text/html"));
        ProviderException failure = assertInstanceOf(ProviderException.class,
                failure(provider(GeminiProvider::new, ""), REQUEST));
        assertEquals(ErrorCode.UPSTREAM_BAD_RESPONSE, failure.code());
        assertEquals("provider 'up': expected a JSON answer but got 'text/html'", failure.getMessage());
    }

    @Test
    void anthropicHasNoEmbeddingsAndSendsNothing() {
        Throwable failure = failure(provider(AnthropicProvider::new, ""), REQUEST);
        assertEquals("up", assertInstanceOf(EmbeddingsUnsupportedException.class, failure).provider());
        assertEquals(0, server.received().size());
    }
}
