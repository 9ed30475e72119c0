package dev.sluice.api.openai;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.testing.SimulatorOracle;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChatCompletionsTest {

    private static final Map<String, Object> FAST = Map.of("gap_ms", 0L, "ttft_ms", 0L, "tokens", 60L, "seed", 42L);

    @TestHTTPResource("/v1/chat/completions")
    URI completions;

    @Inject
    ProviderRegistry registry;

    @Test
    void streamedTokensAreExactlyTheSimulatorsInOrderWithUsageAndDone() {
        List<String> expected = SimulatorOracle.tokens(registry, "sluice-sim", "tell me", FAST);
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(completions, """
                {"model":"sluice-sim","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"tell me"}],
                 "sluice":{"gap_ms":0,"ttft_ms":0,"tokens":60,"seed":42}}"""));

        assertEquals("[DONE]", events.get(events.size() - 1).data());
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(SseEvent::json).toList();
        assertEquals("assistant", chunks.get(0).at("/choices/0/delta/role").asText());
        List<String> tokens = new ArrayList<>();
        for (JsonNode chunk : chunks.subList(1, chunks.size() - 2)) {
            assertEquals("chat.completion.chunk", chunk.path("object").asText());
            assertTrue(chunk.at("/choices/0/finish_reason").isNull());
            tokens.add(chunk.at("/choices/0/delta/content").asText());
        }
        assertEquals(expected, tokens);
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertEquals("stop", finish.at("/choices/0/finish_reason").asText());
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertTrue(usage.path("choices").isEmpty());
        assertEquals(60, usage.at("/usage/completion_tokens").asInt());
        assertEquals(usage.at("/usage/prompt_tokens").asInt() + 60, usage.at("/usage/total_tokens").asInt());
        assertEquals(1, chunks.stream().filter(c -> c.at("/choices/0/finish_reason").isTextual()).count(),
                "exactly one finish");
    }

    @Test
    void streamWithoutUsageOptionHasNoUsageChunk() {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(completions, """
                {"model":"sluice-echo","stream":true,"messages":[{"role":"user","content":"héllo 世界 🎉"}],
                 "sluice":{"gap_ms":0,"ttft_ms":0}}"""));
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events.subList(0, events.size() - 1)) {
            assertFalse(e.json().has("usage"));
            text.append(e.json().at("/choices/0/delta/content").asText(""));
        }
        assertEquals("héllo 世界 🎉", text.toString());
        assertEquals("stop", events.get(events.size() - 2).json().at("/choices/0/finish_reason").asText());
    }

    @Test
    void nonStreamedCompletionCarriesTheWholeTextAndUsage() {
        String expected = String.join("", SimulatorOracle.tokens(registry, "sluice-sim", "hi", FAST));
        given().contentType(ContentType.JSON).body("""
                        {"model":"sluice-sim","messages":[{"role":"user","content":"hi"}],
                         "sluice":{"gap_ms":0,"ttft_ms":0,"tokens":60,"seed":42}}""")
                .post(completions)
                .then().statusCode(200)
                .body("object", equalTo("chat.completion"))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].message.content", equalTo(expected))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.completion_tokens", equalTo(60));
    }

    @Test
    void maxTokensCapsTheCompletion() {
        given().contentType(ContentType.JSON).body("""
                        {"model":"sluice-sim","max_completion_tokens":5,"messages":[{"role":"user","content":"hi"}],
                         "sluice":{"gap_ms":0,"ttft_ms":0}}""")
                .post(completions)
                .then().statusCode(200)
                .body("usage.completion_tokens", equalTo(5))
                .body("choices[0].finish_reason", equalTo("length"));
    }

    @Test
    void upstreamFailureBeforeAnyTokenIsAnOpenAiError() {
        given().contentType(ContentType.JSON).body("""
                        {"model":"sluice-sim","messages":[{"role":"user","content":"hi"}],
                         "sluice":{"fail":"rate_limit","ttft_ms":0}}""")
                .post(completions)
                .then().statusCode(429)
                .body("error.code", equalTo("upstream_rate_limited"))
                .body("error.type", equalTo("rate_limit_error"));
    }

    @Test
    void dropMidStreamEndsWithAnErrorObjectAndNoDone() {
        // ASCII words: one BPE token is one delta, so the count of deltas before the drop is exact.
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(completions, """
                {"model":"sluice-echo","stream":true,
                 "messages":[{"role":"user","content":"one two three four five six seven eight nine ten"}],
                 "sluice":{"gap_ms":0,"ttft_ms":0,"fail":"drop","fail_at":5}}"""));
        SseEvent last = events.get(events.size() - 1);
        assertEquals("upstream_error", last.json().at("/error/code").asText());
        assertTrue(events.stream().noneMatch(e -> e.data().equals("[DONE]")));
        assertEquals(5, events.stream().filter(e -> e.json().at("/choices/0/delta/content").isTextual()
                && !e.json().at("/choices/0/delta/content").asText().isEmpty()).count());
    }

    @Test
    void modelsListsTheAliases() {
        given().get(completions.resolve("/v1/models"))
                .then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", org.hamcrest.Matchers.hasItems("sluice-sim", "sluice-echo"));
    }
}
