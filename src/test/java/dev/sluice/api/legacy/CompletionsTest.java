package dev.sluice.api.legacy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.testing.SimulatorOracle;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/completions}: {@code text_completion} chunks carrying exactly the provider's text
 * in order, the finish chunk, the usage chunk and {@code [DONE]}; the whole answer; the raw prompt
 * sent to an OpenAI-compatible upstream's {@code /completions} and as a user turn to Anthropic;
 * parameters Sluice cannot honour refused with a 400 naming them.
 */
@QuarkusTest
@TestProfile(RoutedProfile.class)
class CompletionsTest {

    private static final Map<String, Object> FAST = Map.of("gap_ms", 0, "ttft_ms", 0, "tokens", 12, "seed", 7);
    private static final String PROMPT = "Sluice gates: ouverture à 06:30 — 水門を開く 🚰";

    @TestHTTPResource("/v1/completions")
    URI completions;

    @Inject
    ProviderRegistry registry;

    private static ReplayServer upstream() {
        return RoutedUpstreamResource.server;
    }

    private List<JsonNode> stream(String body) {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(completions, body));
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        return events.subList(0, events.size() - 1).stream().map(SseEvent::json).toList();
    }

    @Test
    void streamedChunksCarryTheSimulatorsTokensThenFinishThenUsage() {
        List<String> expected = SimulatorOracle.tokens(registry, "sluice-sim", "Once upon", FAST);
        List<JsonNode> chunks = stream("""
                {"model":"sluice-sim","prompt":"Once upon","stream":true,"stream_options":{"include_usage":true},
                 "max_tokens":50,"sluice":{"gap_ms":0,"ttft_ms":0,"tokens":12,"seed":7}}""");
        assertEquals(expected.size() + 2, chunks.size());
        String id = chunks.get(0).get("id").asText();
        assertTrue(id.startsWith("cmpl-"), id);
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode chunk = chunks.get(i);
            assertEquals(id, chunk.get("id").asText());
            assertEquals("text_completion", chunk.get("object").asText());
            assertEquals("sluice-sim", chunk.get("model").asText());
            assertTrue(chunk.get("created").isIntegralNumber());
            if (i < expected.size()) {
                assertEquals(Map.of("text", expected.get(i), "index", 0, "finish_reason", "null", "logprobs", "null"),
                        choice(chunk));
                assertTrue(chunk.get("usage").isNull());
            }
        }
        assertEquals(Map.of("text", "", "index", 0, "finish_reason", "stop", "logprobs", "null"),
                choice(chunks.get(expected.size())));
        JsonNode last = chunks.get(chunks.size() - 1);
        assertEquals(0, last.get("choices").size());
        assertEquals(12, last.at("/usage/completion_tokens").asInt());
        assertEquals(last.at("/usage/prompt_tokens").asInt() + 12, last.at("/usage/total_tokens").asInt());
    }

    private static Map<String, Object> choice(JsonNode chunk) {
        assertEquals(1, chunk.get("choices").size());
        JsonNode c = chunk.get("choices").get(0);
        assertEquals(4, c.size(), c.toString());
        return Map.of("text", c.get("text").asText(), "index", c.get("index").asInt(),
                "finish_reason", c.get("finish_reason").isNull() ? "null" : c.get("finish_reason").asText(),
                "logprobs", c.get("logprobs").isNull() ? "null" : c.get("logprobs").toString());
    }

    @Test
    void echoStreamsThePromptBackExactlyWithoutAUsageChunkUnlessAsked() {
        List<JsonNode> chunks = stream("{\"model\":\"sluice-echo\",\"prompt\":[\"" + PROMPT
                + "\"],\"stream\":true,\"max_tokens\":100,\"sluice\":{\"gap_ms\":0,\"ttft_ms\":0}}");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/text").asText()));
        assertEquals(PROMPT, text.toString());
        assertEquals("stop", chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText());
        assertFalse(chunks.stream().anyMatch(c -> c.has("usage")), "no usage field without include_usage");
    }

    @Test
    void withoutMaxTokensACompletionStopsAfterSixteenTokensAsOpenAisDoes() {
        String prompt = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                + "sixteen seventeen eighteen nineteen twenty";
        Response response = given().contentType("application/json").body("{\"model\":\"sluice-echo\",\"prompt\":\""
                + prompt + "\",\"sluice\":{\"gap_ms\":0,\"ttft_ms\":0}}").post(completions);
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("length", response.jsonPath().getString("choices[0].finish_reason"));
        assertEquals(16, response.jsonPath().getInt("usage.completion_tokens"));
        assertEquals("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                + "sixteen", response.jsonPath().getString("choices[0].text"));
    }

    @Test
    void theWholeAnswerIsOneTextCompletion() {
        Response response = given().contentType("application/json").body("{\"model\":\"sluice-echo\",\"prompt\":\""
                + PROMPT + "\",\"max_tokens\":100,\"sluice\":{\"gap_ms\":0,\"ttft_ms\":0}}").post(completions);
        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(response.jsonPath().getString("id").startsWith("cmpl-"));
        assertEquals("text_completion", response.jsonPath().getString("object"));
        assertEquals("sluice-echo", response.jsonPath().getString("model"));
        assertEquals(List.of(Map.of("text", PROMPT, "index", 0, "finish_reason", "stop")),
                response.jsonPath().getList("choices").stream().map(c -> {
                    Map<?, ?> m = (Map<?, ?>) c;
                    assertTrue(m.containsKey("logprobs") && m.get("logprobs") == null);
                    return Map.of("text", m.get("text"), "index", m.get("index"), "finish_reason", m.get("finish_reason"));
                }).toList());
        int completion = response.jsonPath().getInt("usage.completion_tokens");
        assertTrue(completion > 0);
        assertEquals(response.jsonPath().getInt("usage.prompt_tokens") + completion,
                response.jsonPath().getInt("usage.total_tokens"));
    }

    @Test
    void anOpenAiCompatibleUpstreamGetsTheRawPromptOnItsCompletionsEndpoint() {
        int before = upstream().received().size();
        upstream().enqueue(Reply.stream("text/event-stream", Reply.fixture("openai/completion-text.sse"), 9));
        List<JsonNode> chunks = stream("""
                {"model":"vllm/meta-llama/Llama-3.1-8B-Instruct","prompt":"The capital of France is","stream":true,
                 "stream_options":{"include_usage":true},"temperature":0}""");
        StringBuilder text = new StringBuilder();
        chunks.subList(0, chunks.size() - 1).forEach(c -> text.append(c.at("/choices/0/text").asText()));
        assertEquals(" Paris, the city of lights 🌍 — très belle.", text.toString());
        assertEquals("length", chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText());
        assertEquals(Map.of("prompt_tokens", 6, "completion_tokens", 8, "total_tokens", 14),
                Map.of("prompt_tokens", chunks.get(chunks.size() - 1).at("/usage/prompt_tokens").asInt(),
                        "completion_tokens", chunks.get(chunks.size() - 1).at("/usage/completion_tokens").asInt(),
                        "total_tokens", chunks.get(chunks.size() - 1).at("/usage/total_tokens").asInt()));
        assertEquals("vllm/meta-llama/Llama-3.1-8B-Instruct", chunks.get(0).get("model").asText());

        assertEquals(before + 1, upstream().received().size());
        ReplayServer.Received received = upstream().received().get(before);
        assertEquals("/vllm/v1/completions", received.uri());
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", received.body().getString("model"));
        assertEquals("The capital of France is", received.body().getString("prompt"));
        assertEquals(16, received.body().getInteger("max_tokens"), "OpenAI's default, sent explicitly");
        assertFalse(received.body().containsKey("messages"));
    }

    @Test
    void anAnthropicUpstreamGetsThePromptAsTheOneUserTurn() {
        int before = upstream().received().size();
        upstream().enqueue(Reply.stream("text/event-stream", Reply.fixture("anthropic/thinking-text.sse"), 2));
        Response response = given().contentType("application/json")
                .body("{\"model\":\"claude/claude-sonnet-4-5\",\"prompt\":\"Say hi\",\"max_tokens\":64}")
                .post(completions);
        assertEquals(200, response.statusCode(), response.asString());
        ReplayServer.Received received = upstream().received().get(before);
        assertEquals("/claude/v1/messages", received.uri());
        assertEquals("claude-sonnet-4-5", received.body().getString("model"));
        assertEquals(new io.vertx.core.json.JsonArray("[{\"role\":\"user\",\"content\":\"Say hi\"}]"),
                received.body().getJsonArray("messages"));
    }

    @Test
    void anUpstreamAuthFailureIsA502InOpenAisShape() {
        upstream().enqueue(Reply.status(401, Map.of()));
        Response response = given().contentType("application/json")
                .body("{\"model\":\"gpt-4o-mini\",\"prompt\":\"x\"}").post(completions);
        assertEquals(502, response.statusCode());
        assertEquals("upstream_auth", response.jsonPath().getString("error.code"));
        assertFalse(response.asString().contains("sk-live"), response.asString());
    }

    @Test
    void parametersSluiceCannotHonourAreRefusedByName() {
        String[][] cases = {
                {"{\"model\":\"sluice-echo\"}", "prompt", "missing_required_parameter"},
                {"{\"model\":\"sluice-echo\",\"prompt\":[\"a\",\"b\"]}", "prompt", "unsupported_parameter"},
                {"{\"model\":\"sluice-echo\",\"prompt\":[1212,318]}", "prompt", "unsupported_parameter"},
                {"{\"model\":\"sluice-echo\",\"prompt\":[[1212]]}", "prompt", "unsupported_parameter"},
                {"{\"model\":\"sluice-echo\",\"prompt\":[]}", "prompt", "invalid_type"},
                {"{\"model\":\"sluice-echo\",\"prompt\":{\"text\":\"a\"}}", "prompt", "invalid_type"},
                {"{\"model\":\"sluice-echo\",\"prompt\":\"a\",\"echo\":true}", "echo", "unsupported_parameter"},
                {"{\"model\":\"sluice-echo\",\"prompt\":\"a\",\"n\":2}", "n", "unsupported_parameter"},
                {"{\"model\":\"sluice-echo\",\"prompt\":\"a\",\"best_of\":3}", "best_of", "unsupported_parameter"},
                {"{\"model\":\"sluice-echo\",\"prompt\":\"a\",\"logprobs\":2}", "logprobs", "unsupported_parameter"},
                {"{\"model\":\"sluice-echo\",\"prompt\":\"a\",\"suffix\":\"end\"}", "suffix", "unsupported_parameter"},
                {"{\"model\":\"sluice-echo\",\"prompt\":\"a\",\"stop\":[\"\\n\"]}", "stop", "unsupported_parameter"},
                {"{\"model\":\"sluice-echo\",\"prompt\":\"a\",\"session\":\"ses_1\"}", "session",
                        "unsupported_parameter"},
                {"{\"model\":\"sluice-echo\",\"prompt\":\"a\",\"max_tokens\":0}", "max_tokens", "invalid_value"},
                {"{\"model\":\"sluice-echo\",\"prompt\":\"a\",\"stream_options\":true}", "stream_options",
                        "invalid_type"},
        };
        for (String[] c : cases) {
            Response response = given().contentType("application/json").body(c[0]).post(completions);
            assertEquals(400, response.statusCode(), c[0] + " → " + response.asString());
            assertEquals(c[1], response.jsonPath().getString("error.param"), c[0]);
            assertEquals(c[2], response.jsonPath().getString("error.code"), c[0]);
        }
        Response header = given().contentType("application/json").header("X-Sluice-Session", "ses_1")
                .body("{\"model\":\"sluice-echo\",\"prompt\":\"a\"}").post(completions);
        assertEquals(400, header.statusCode());
        assertEquals("unsupported_parameter", header.jsonPath().getString("error.code"));
    }

    @Test
    void theOffValuesSdksSendAreAccepted() {
        Response response = given().contentType("application/json").body("""
                {"model":"sluice-echo","prompt":"ok","echo":false,"n":1,"best_of":1,"logprobs":null,"suffix":null,
                 "stop":null,"user":"u-1","presence_penalty":0,"frequency_penalty":0,"top_p":1,"seed":3,
                 "max_tokens":8,"sluice":{"gap_ms":0,"ttft_ms":0}}""").post(completions);
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("ok", response.jsonPath().getString("choices[0].text"));
    }
}
