package dev.sluice.provider.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recorded OpenAI stream of two parallel tool calls (UTF-8 inside the arguments) replayed one byte
 * per write: every byte boundary, inside multi-byte characters too, is a chunk boundary, and the
 * client still gets each call's id and name once and the argument fragments exactly as recorded.
 */
@QuarkusTest
@TestProfile(ReplayedOpenAiProfile.class)
class ReplayedToolCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIXTURE = "openai/parallel-tool-calls.sse";
    private static final String TOOLS = """
            [{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
              "properties":{"city":{"type":"string"},"unit":{"type":"string"}}}}}]""";

    @TestHTTPResource("/v1/chat/completions")
    URI completions;

    private static ReplayServer upstream() {
        return ReplayedUpstreamResource.server;
    }

    /** The recorded {@code tool_calls} entries, in order, as the upstream sent them. */
    private static List<JsonNode> recordedCalls() throws Exception {
        List<JsonNode> calls = new ArrayList<>();
        for (String block : new String(Reply.fixture(FIXTURE), java.nio.charset.StandardCharsets.UTF_8).split("\n\n")) {
            String data = block.substring("data: ".length());
            if (!data.equals("[DONE]")) {
                JSON.readTree(data).at("/choices/0/delta/tool_calls").forEach(calls::add);
            }
        }
        return calls;
    }

    @Test
    void everyByteItsOwnChunkStillGivesTheRecordedCallsExactly() throws Exception {
        int before = upstream().received().size();
        upstream().enqueue(Reply.byteByByte("text/event-stream", Reply.fixture(FIXTURE), 17));
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(completions, """
                {"model":"replayed","stream":true,"tools":%s,"parallel_tool_calls":true,
                 "messages":[{"role":"user","content":"Weather in Zürich and Tokyo?"}]}""".formatted(TOOLS)));
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        List<JsonNode> calls = new ArrayList<>();
        List<String> finishes = new ArrayList<>();
        for (SseEvent e : events.subList(0, events.size() - 1)) {
            e.json().at("/choices/0/delta/tool_calls").forEach(calls::add);
            JsonNode finish = e.json().at("/choices/0/finish_reason");
            if (finish.isTextual()) {
                finishes.add(finish.asText());
            }
        }
        List<JsonNode> recorded = recordedCalls();
        assertEquals(recorded.size(), calls.size());
        for (int i = 0; i < recorded.size(); i++) {
            JsonNode want = recorded.get(i);
            JsonNode got = calls.get(i);
            assertEquals(want.get("index"), got.get("index"), "fragment " + i);
            assertEquals(want.get("id"), got.get("id"), "fragment " + i);
            assertEquals(want.get("type"), got.get("type"), "fragment " + i);
            assertEquals(want.at("/function/name"), got.at("/function/name"), "fragment " + i);
            assertEquals(want.at("/function/arguments"), got.at("/function/arguments"), "fragment " + i);
        }
        assertEquals(List.of("tool_calls"), finishes);

        JsonObject sent = upstream().received().get(before).body();
        assertEquals(new JsonArray(TOOLS), sent.getJsonArray("tools"));
        assertEquals(true, sent.getBoolean("parallel_tool_calls"));
    }

    @Test
    void theWholeCompletionAssemblesBothCalls() {
        upstream().enqueue(Reply.byteByByte("text/event-stream", Reply.fixture(FIXTURE), 29));
        JsonPath body = given().contentType("application/json").body("""
                {"model":"replayed","tools":%s,"messages":[{"role":"user","content":"Weather in Zürich and Tokyo?"}]}"""
                .formatted(TOOLS)).post(completions).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("call_QpKx6Vh4mB2nT8rY1sWd3LfE", "call_7GmRz0aNcU5yJ9eXwT2kHbVo"),
                body.getList("choices[0].message.tool_calls.id"));
        assertEquals(List.of("{\"city\":\"Zürich\",\"unit\":\"°C\"}", "{\"city\":\"東京\",\"unit\":\"°C\"}"),
                body.getList("choices[0].message.tool_calls.function.arguments"));
        assertEquals("tool_calls", body.getString("choices[0].finish_reason"));
        assertEquals(52, body.getInt("usage.completion_tokens"));
    }
}
