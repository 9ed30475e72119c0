package dev.sluice.api.tools;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import dev.sluice.testing.Streams;
import dev.sluice.testing.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tool calls through every API with the simulator's tool mode: the exact chunks and events a client
 * gets, streamed and not, parallel calls, masking inside arguments, and the loop call → result → answer.
 */
@QuarkusTest
class ToolCallsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOOLS = """
            [{"type":"function","function":{"name":"get_weather","description":"Current weather",
              "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
             {"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{}}}}]""";
    /** o200k_base's tokens of {"city":"Zürich"}: the simulator streams one per fragment. */
    static final List<String> ZURICH_FRAGMENTS = List.of("{\"", "city", "\":\"", "Z", "ür", "ich", "\"}");

    @TestHTTPResource("/")
    URI base;

    private URI completions() {
        return base.resolve("/v1/chat/completions");
    }

    static String chat(boolean stream, String toolCall, String extra) {
        return """
                {"model":"sluice-sim","stream":%s,"messages":[{"role":"user","content":"Weather in Zürich?"}],
                 "tools":%s,%s
                 "sluice":{"gap_ms":0,"ttft_ms":0,"seed":42,"tool_call":%s}}""".formatted(stream, TOOLS, extra, toolCall);
    }

    private static List<JsonNode> chunks(List<SseEvent> events) {
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        return events.subList(0, events.size() - 1).stream().map(SseEvent::json).toList();
    }

    @Test
    void streamedChunksCarryIndexIdTypeAndNameOnceThenTheArgumentFragmentsInOrder() throws Exception {
        List<JsonNode> chunks = chunks(SseClient.readAll(SseClient.postJson(completions(), chat(true,
                "{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Zürich\"}}",
                "\"stream_options\":{\"include_usage\":true},"))));
        assertEquals(JSON.readTree("{\"role\":\"assistant\",\"content\":\"\"}"), chunks.get(0).at("/choices/0/delta"));
        JsonNode opening = chunks.get(1).at("/choices/0/delta/tool_calls");
        String id = opening.at("/0/id").asText();
        assertTrue(id.matches("call_[0-9a-f]{24}"), id);
        assertEquals(JSON.readTree("[{\"index\":0,\"id\":\"" + id + "\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]"), opening);
        List<JsonNode> fragments = chunks.subList(2, 2 + ZURICH_FRAGMENTS.size());
        List<JsonNode> expected = new ArrayList<>();
        for (String f : ZURICH_FRAGMENTS) {
            expected.add(JSON.createArrayNode().add(JSON.createObjectNode().put("index", 0)
                    .set("function", JSON.createObjectNode().put("arguments", f))));
        }
        assertEquals(expected, fragments.stream().map(c -> c.at("/choices/0/delta/tool_calls")).toList());
        assertTrue(fragments.stream().allMatch(c -> c.at("/choices/0/finish_reason").isNull()));
        JsonNode finish = chunks.get(2 + ZURICH_FRAGMENTS.size());
        assertEquals("tool_calls", finish.at("/choices/0/finish_reason").asText());
        assertEquals(JSON.createObjectNode(), finish.at("/choices/0/delta"));
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertEquals(7, usage.at("/usage/completion_tokens").asInt());
        assertEquals(chunks.size(), 2 + ZURICH_FRAGMENTS.size() + 2);
    }

    @Test
    void theNonStreamedCompletionHasTheWholeCallAsMessageToolCalls() {
        JsonPath body = given().contentType("application/json")
                .body(chat(false, "{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Zürich\"}}", ""))
                .post(completions()).then().statusCode(200).extract().jsonPath();
        assertNull(body.get("choices[0].message.content"));
        assertEquals(1, body.getList("choices[0].message.tool_calls").size());
        assertTrue(body.getString("choices[0].message.tool_calls[0].id").matches("call_[0-9a-f]{24}"));
        assertEquals("function", body.getString("choices[0].message.tool_calls[0].type"));
        assertEquals("get_weather", body.getString("choices[0].message.tool_calls[0].function.name"));
        assertEquals("{\"city\":\"Zürich\"}", body.getString("choices[0].message.tool_calls[0].function.arguments"));
        assertEquals("tool_calls", body.getString("choices[0].finish_reason"));
    }

    @Test
    void parallelCallsAreIndexedZeroAndOneEachWithItsOwnId() {
        List<JsonNode> chunks = chunks(SseClient.readAll(SseClient.postJson(completions(), chat(true, """
                [{"name":"get_weather","arguments":{"city":"東京"}},{"name":"get_time"}]""", ""))));
        List<JsonNode> calls = new ArrayList<>();
        chunks.forEach(c -> c.at("/choices/0/delta/tool_calls").forEach(calls::add));
        List<JsonNode> opening = calls.stream().filter(c -> c.has("id")).toList();
        assertEquals(List.of(0, 1), opening.stream().map(c -> c.get("index").asInt()).toList());
        assertEquals(List.of("get_weather", "get_time"), opening.stream().map(c -> c.at("/function/name").asText()).toList());
        assertFalse(opening.get(0).get("id").equals(opening.get(1).get("id")));
        assertEquals(2, calls.stream().filter(c -> c.at("/function/name").isTextual()).count(), "each name once");
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        calls.forEach(c -> (c.get("index").asInt() == 0 ? first : second).append(c.at("/function/arguments").asText()));
        assertEquals("{\"city\":\"東京\"}", first.toString());
        assertEquals("{}", second.toString());
        assertEquals("tool_calls", chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText());
    }

    @Test
    void aCardNumberInArgumentsIsMaskedAndTheArgumentsStayJson() {
        // one as a string, one as a bare JSON number, each split across the simulator's token fragments
        String toolCall = "{\"name\":\"get_weather\",\"arguments\":"
                + "\"{\\\"city\\\":\\\"4242 4242 4242 4242\\\",\\\"zip\\\":4111111111111111}\"}";
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(completions(),
                chat(true, toolCall, "\"masking\":\"standard\",")));
        StringBuilder arguments = new StringBuilder();
        for (JsonNode chunk : chunks(events)) {
            chunk.at("/choices/0/delta/tool_calls").forEach(c -> arguments.append(c.at("/function/arguments").asText()));
        }
        assertEquals("{\"city\":\"[CARD]\",\"zip\":\"[CARD]\"}", arguments.toString());
        events.forEach(e -> assertFalse(e.data().contains("4242") || e.data().contains("1111"), e.data()));

        JsonPath whole = given().contentType("application/json").body(chat(false, toolCall, "\"masking\":\"standard\","))
                .post(completions()).then().statusCode(200).extract().jsonPath();
        assertEquals("{\"city\":\"[CARD]\",\"zip\":\"[CARD]\"}",
                whole.getString("choices[0].message.tool_calls[0].function.arguments"));
    }

    @Test
    void theLoopEndsWithAnAnswerOnceTheToolResultComesBack() throws Exception {
        JsonPath first = given().contentType("application/json")
                .body(chat(false, "true", "")).post(completions()).then().statusCode(200).extract().jsonPath();
        String id = first.getString("choices[0].message.tool_calls[0].id");
        String arguments = first.getString("choices[0].message.tool_calls[0].function.arguments");
        assertEquals("get_weather", first.getString("choices[0].message.tool_calls[0].function.name"));
        assertTrue(JSON.readTree(arguments).get("city").isTextual(), arguments);

        String followUp = """
                {"model":"sluice-sim","messages":[{"role":"user","content":"Weather in Zürich?"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"%s","type":"function",
                    "function":{"name":"get_weather","arguments":%s}}]},
                  {"role":"tool","tool_call_id":"%s","content":"{\\"temp\\":3,\\"sky\\":\\"clear\\"}"}],
                 "tools":%s,"sluice":{"gap_ms":0,"ttft_ms":0,"seed":42,"tool_call":true}}"""
                .formatted(id, JSON.writeValueAsString(arguments), id, TOOLS);
        JsonPath answer = given().contentType("application/json").body(followUp).post(completions())
                .then().statusCode(200).extract().jsonPath();
        assertEquals("get_weather returned {\"temp\":3,\"sky\":\"clear\"}.", answer.getString("choices[0].message.content"));
        assertNull(answer.get("choices[0].message.tool_calls"));
        assertEquals("stop", answer.getString("choices[0].finish_reason"));
    }

    @Test
    void theNativeApiStreamsDeltaEventsOnTheToolCallChannelWithIndexIdAndName() {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"), """
                {"model":"sluice-sim","prompt":"Weather in Zürich?","tools":%s,
                 "simulator":{"gap_ms":0,"ttft_ms":0,"seed":42,"tool_call":{"name":"get_weather","arguments":{"city":"Zürich"}}}}"""
                .formatted(TOOLS)));
        List<JsonNode> deltas = events.stream().filter(e -> e.event().equals("delta")).map(SseEvent::json).toList();
        assertToolCallDeltas(deltas);
        assertEquals("tool_calls", events.get(events.size() - 1).json().path("finishReason").asText());
        JsonPath status = Streams.status(base, events.get(0).json().path("streamId").asText());
        assertEquals(List.of(java.util.Map.of("index", 0, "id", deltas.get(0).path("id").asText(), "name", "get_weather",
                "arguments", "{\"city\":\"Zürich\"}")), status.getList("tool_calls"));
        assertEquals("tool_calls", status.getString("finish_reason"));
    }

    @Test
    void theWebSocketSendsTheSameDeltaEvents() {
        try (WsClient ws = new WsClient(base)) {
            ws.send("""
                    {"type":"start","id":"t","model":"sluice-sim","prompt":"Weather in Zürich?","tools":%s,
                     "simulator":{"gap_ms":0,"ttft_ms":0,"seed":42,"tool_call":{"name":"get_weather","arguments":{"city":"Zürich"}}}}"""
                    .formatted(TOOLS));
            List<JsonNode> frames = ws.until(f -> "done".equals(f.path("type").asText()));
            assertToolCallDeltas(frames.stream().filter(f -> "delta".equals(f.path("type").asText())).toList());
            assertEquals("tool_calls", frames.get(frames.size() - 1).path("finishReason").asText());
        }
    }

    private static void assertToolCallDeltas(List<JsonNode> deltas) {
        assertEquals(1 + ZURICH_FRAGMENTS.size(), deltas.size());
        JsonNode opening = deltas.get(0);
        assertEquals("tool_call", opening.path("channel").asText());
        assertEquals(0, opening.path("index").asInt());
        assertTrue(opening.path("id").asText().matches("call_[0-9a-f]{24}"), opening.toString());
        assertEquals("get_weather", opening.path("name").asText());
        assertEquals("", opening.path("text").asText());
        List<String> texts = new ArrayList<>();
        for (JsonNode d : deltas.subList(1, deltas.size())) {
            assertEquals("tool_call", d.path("channel").asText());
            assertEquals(0, d.path("index").asInt());
            assertFalse(d.has("id") || d.has("name"), d.toString());
            texts.add(d.path("text").asText());
        }
        assertEquals(ZURICH_FRAGMENTS, texts);
    }
}
