package dev.sluice.api.anthropic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.api.Encoding;
import dev.sluice.provider.BpeVocabularies;
import dev.sluice.provider.simulator.SimulatorStats;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/messages} over the simulator and the scripted provider: Anthropic's exact event sequence and message. */
@QuarkusTest
class AnthropicMessagesTest {

    private static final String PROMPT = "one two three four five";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/v1/messages")
    URI messages;

    @Inject
    SimulatorStats simulator;

    private static String echo(boolean stream) {
        return """
                {"model":"sluice-echo","max_tokens":100,"stream":%s,
                 "messages":[{"role":"user","content":"%s"}],"sluice":{"gap_ms":0,"ttft_ms":0}}"""
                .formatted(stream, PROMPT);
    }

    private static List<String> names(List<SseEvent> events) {
        return events.stream().map(SseEvent::event).toList();
    }

    private static String deltas(List<SseEvent> events, String type, String field) {
        return events.stream().filter(e -> "content_block_delta".equals(e.event()))
                .map(SseEvent::json).filter(j -> type.equals(j.at("/delta/type").asText()))
                .map(j -> j.at("/delta/" + field).asText()).collect(Collectors.joining());
    }

    @Test
    void aStreamedMessageIsAnthropicsEventSequenceWithTheEchoedText() {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(messages, echo(true)));

        List<String> expected = new java.util.ArrayList<>(List.of("message_start", "ping", "content_block_start"));
        for (int i = 0; i < 5; i++) {
            expected.add("content_block_delta"); // one per simulator token: one, two, three, four, five
        }
        expected.addAll(List.of("content_block_stop", "message_delta", "message_stop"));
        assertEquals(expected, names(events));
        for (SseEvent e : events) {
            assertEquals(e.event(), e.json().path("type").asText(), "the data's type is the event's name");
        }

        JsonNode start = events.get(0).json().get("message");
        assertTrue(start.path("id").asText().matches("msg_[0-9a-f]{32}"), start.toString());
        assertEquals("message", start.path("type").asText());
        assertEquals("assistant", start.path("role").asText());
        assertEquals("sluice-echo", start.path("model").asText());
        assertTrue(start.path("content").isArray() && start.path("content").isEmpty());
        assertTrue(start.path("stop_reason").isNull());
        assertTrue(start.path("stop_sequence").isNull());
        assertEquals(tokens(PROMPT) + 3, start.at("/usage/input_tokens").asInt(), "the estimate: text + framing");
        assertEquals(0, start.at("/usage/output_tokens").asInt());

        JsonNode blockStart = events.get(2).json();
        assertEquals(0, blockStart.path("index").asInt());
        assertEquals(MAPPER.createObjectNode().put("type", "text").put("text", ""), blockStart.get("content_block"));
        events.stream().filter(e -> e.event().startsWith("content_block"))
                .forEach(e -> assertEquals(0, e.json().path("index").asInt()));
        assertEquals(List.of("one", " two", " three", " four", " five"), events.subList(3, 8).stream()
                .map(e -> e.json().at("/delta/text").asText()).toList());
        assertEquals(PROMPT, deltas(events, "text_delta", "text"));

        JsonNode delta = events.get(9).json();
        assertEquals("end_turn", delta.at("/delta/stop_reason").asText());
        assertTrue(delta.at("/delta/stop_sequence").isNull());
        assertEquals(5, delta.at("/usage/output_tokens").asInt());
        assertTrue(delta.at("/usage/input_tokens").isInt(), "the provider's count replaces the estimate");
    }

    @Test
    void aNonStreamedMessageCarriesTheTextStopReasonAndUsage() {
        Response response = given().contentType("application/json").header("anthropic-version", "2023-06-01")
                .body(echo(false)).post(messages);
        response.then().statusCode(200)
                .body("type", equalTo("message"))
                .body("role", equalTo("assistant"))
                .body("model", equalTo("sluice-echo"))
                .body("content.size()", equalTo(1))
                .body("content[0].type", equalTo("text"))
                .body("content[0].text", equalTo(PROMPT))
                .body("stop_reason", equalTo("end_turn"))
                .body("stop_sequence", org.hamcrest.Matchers.nullValue())
                .body("usage.output_tokens", equalTo(5));
        assertEquals("msg_" + response.header("X-Sluice-Stream-Id").substring(4), response.jsonPath().getString("id"));
    }

    @Test
    void maxTokensEndsTheMessageWithStopReasonMaxTokens() {
        String body = """
                {"model":"sluice-sim","max_tokens":5,"stream":%s,"messages":[{"role":"user","content":"hi"}],
                 "sluice":{"gap_ms":0,"ttft_ms":0,"tokens":60,"seed":4}}""";
        String whole = given().contentType("application/json").body(body.formatted(false)).post(messages)
                .then().statusCode(200)
                .body("stop_reason", equalTo("max_tokens"))
                .body("usage.output_tokens", equalTo(5))
                .extract().path("content[0].text");
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(messages, body.formatted(true)));
        JsonNode delta = events.get(events.size() - 2).json();
        assertEquals("message_delta", delta.path("type").asText());
        assertEquals("max_tokens", delta.at("/delta/stop_reason").asText());
        assertEquals(5, delta.at("/usage/output_tokens").asInt());
        // Five tokens, but a token that ends inside a UTF-8 character is joined with the next one
        // before it reaches any client, so the number of text_delta events may be lower: the text is what must match.
        String streamed = events.stream().filter(e -> "content_block_delta".equals(e.event()))
                .map(e -> e.json().at("/delta/text").asText()).collect(java.util.stream.Collectors.joining());
        assertEquals(whole, streamed);
    }

    @Test
    void systemStringAndBlocksAndStringOrBlockContentBecomeTheTurnsSentUpstream() {
        String body = """
                {"model":"test-script","max_tokens":100,
                 "system":[{"type":"text","text":"Be brief."},{"type":"text","text":" Be kind.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi"},{"type":"text","text":" there"}]},
                             {"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"x"},{"type":"text","text":"Hello"}]},
                             {"role":"user","content":"Bye"}],
                 "thinking":{"type":"enabled","budget_tokens":1024},"metadata":{"user_id":"u1"},"top_k":5,
                 "sluice":{"transcript":true,"chunk":64}}""";
        given().contentType("application/json").body(body).post(messages)
                .then().statusCode(200)
                .body("content[0].text", equalTo("system: Be brief. Be kind.\nuser: Hi there\nassistant: Hello\nuser: Bye"));
    }

    @Test
    void toolCallsStreamAsToolUseBlocksAfterTheText() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode request = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree("""
                {"model":"test-script","max_tokens":100,
                 "tools":[{"name":"get_weather","description":"Weather now","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}},
                          {"name":"get_time","input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"auto","disable_parallel_tool_use":false},
                 "messages":[{"role":"user","content":"Weather and time in Zürich?"}],
                 "sluice":{"script":"Checking.","chunk":5}}""");
        ((com.fasterxml.jackson.databind.node.ObjectNode) request.get("sluice")).put("tool_calls", """
                [{"id":"toolu_01","name":"get_weather","arguments":"{\\"city\\":\\"Zürich\\"}"},
                 {"id":"toolu_02","name":"get_time","arguments":""}]""");
        String streamed = request.deepCopy().put("stream", true).toString();
        String whole = request.toString();
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(messages, streamed));

        // "Checking." in 5-byte pieces; {"city":"Zürich"} (17 code points) in 5-code-point pieces
        assertEquals(List.of("message_start", "ping",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_stop",
                "message_delta", "message_stop"), names(events));
        assertEquals("Checking.", deltas(events, "text_delta", "text"));
        JsonNode weather = events.get(6).json();
        assertEquals(1, weather.path("index").asInt());
        assertEquals(MAPPER.createObjectNode().put("type", "tool_use").put("id", "toolu_01").put("name", "get_weather")
                .set("input", MAPPER.createObjectNode()), weather.get("content_block"));
        assertEquals(List.of("{\"cit", "y\":\"Z", "ürich", "\"}"), events.subList(7, 11).stream()
                .map(e -> e.json().at("/delta/partial_json").asText()).toList());
        events.subList(7, 12).forEach(e -> assertEquals(1, e.json().path("index").asInt()));
        JsonNode time = events.get(12).json();
        assertEquals(2, time.path("index").asInt());
        assertEquals("toolu_02", time.at("/content_block/id").asText());
        assertEquals(2, events.get(13).json().path("index").asInt());
        assertEquals("tool_use", events.get(14).json().at("/delta/stop_reason").asText());

        given().contentType("application/json").body(whole).post(messages)
                .then().statusCode(200)
                .body("stop_reason", equalTo("tool_use"))
                .body("content.type", equalTo(List.of("text", "tool_use", "tool_use")))
                .body("content[0].text", equalTo("Checking."))
                .body("content[1].id", equalTo("toolu_01"))
                .body("content[1].name", equalTo("get_weather"))
                .body("content[1].input.city", equalTo("Zürich"))
                .body("content[2].name", equalTo("get_time"))
                .body("content[2].input.size()", equalTo(0));
    }

    @Test
    void aFailureMidStreamIsAnErrorEventInAnthropicsShapeAndNoMessageStop() {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(messages, """
                {"model":"sluice-echo","max_tokens":100,"stream":true,
                 "messages":[{"role":"user","content":"one two three four five six"}],
                 "sluice":{"gap_ms":0,"ttft_ms":0,"fail":"drop","fail_at":3}}"""));
        assertEquals(List.of("message_start", "ping", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_delta", "error"), names(events));
        assertEquals("one two three", deltas(events, "text_delta", "text"));
        JsonNode error = events.get(events.size() - 1).json();
        assertEquals("error", error.path("type").asText());
        assertEquals("api_error", error.at("/error/type").asText());
        assertEquals("upstream_error", error.at("/error/details/error_code").asText());
        assertTrue(error.at("/error/message").isTextual());
    }

    @Test
    void anUpstreamRateLimitBeforeAnyTokenIsA429RateLimitError() {
        given().contentType("application/json").body("""
                        {"model":"sluice-sim","max_tokens":10,"messages":[{"role":"user","content":"hi"}],
                         "sluice":{"fail":"rate_limit","ttft_ms":0}}""")
                .post(messages)
                .then().statusCode(429)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.details.error_code", equalTo("upstream_rate_limited"));
    }

    @Test
    void aClientThatDisconnectsStopsTheUpstreamAfterTheGracePeriod() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> simulator.running() == 0);
        long before = simulator.cancelled();
        List<SseEvent> head = SseClient.read(SseClient.postJson(messages, """
                {"model":"sluice-sim","max_tokens":100000,"stream":true,"messages":[{"role":"user","content":"x"}],
                 "sluice":{"gap_ms":20,"ttft_ms":0,"tokens":100000}}"""), 4);
        assertEquals(List.of("message_start", "ping", "content_block_start", "content_block_delta"), names(head));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> simulator.cancelled() == before + 1);
    }

    @Test
    void countTokensAnswersTheEstimateThatMessageStartReports() {
        String request = """
                {"model":"sluice-echo","system":"Be brief.","messages":[{"role":"user","content":"%s"}]}""".formatted(PROMPT);
        int counted = given().contentType("application/json").body(request).post(messages + "/count_tokens")
                .then().statusCode(200).header("X-Sluice-Stream-Id", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath().getInt("input_tokens");
        assertEquals(tokens("Be brief.") + 3 + tokens(PROMPT) + 3, counted);

        List<SseEvent> events = SseClient.readAll(SseClient.postJson(messages, request.replace("{\"model\"",
                "{\"max_tokens\":50,\"stream\":true,\"sluice\":{\"gap_ms\":0,\"ttft_ms\":0},\"model\"")));
        assertEquals(counted, events.get(0).json().at("/message/usage/input_tokens").asInt());

        String schema = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}";
        int withTool = given().contentType("application/json")
                .body(request.replace("\"system\"", "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":" + schema
                        + "}],\"system\"")).post(messages + "/count_tokens")
                .then().statusCode(200).extract().jsonPath().getInt("input_tokens");
        assertEquals(counted + tokens("get_weather") + tokens(schema), withTool);
    }

    @Test
    void countTokensOfAnUnknownModelIsANotFoundError() {
        given().contentType("application/json").body("""
                        {"model":"claude-nope","messages":[{"role":"user","content":"x"}]}""")
                .post(messages + "/count_tokens")
                .then().statusCode(404)
                .body("error.type", equalTo("not_found_error"))
                .body("error.details.error_code", equalTo("model_not_found"));
    }

    private static int tokens(String text) {
        Encoding encoding = BpeVocabularies.of(BpeVocabularies.type("o200k_base").orElseThrow());
        return encoding.countTokens(text);
    }

    @Test
    void noAnthropicVersionHeaderIsNeeded() {
        given().contentType("application/json").body(echo(false)).post(messages)
                .then().statusCode(200).body("content[0].text", equalTo(PROMPT));
    }
}
