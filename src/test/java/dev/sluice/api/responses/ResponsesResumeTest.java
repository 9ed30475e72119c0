package dev.sluice.api.responses;

import static dev.sluice.api.responses.ResponsesCalls.awaitEnd;
import static dev.sluice.api.responses.ResponsesCalls.create;
import static dev.sluice.api.responses.ResponsesCalls.resume;
import static dev.sluice.api.responses.ResponsesCalls.sequenceNumbers;
import static dev.sluice.api.responses.ResponsesCalls.stream;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.testing.ScriptedProvider;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Resuming a response's stream after any {@code starting_after} (replayed and live), fan-out to
 * concurrent readers, retrieval, and multi-turn conversations with {@code previous_response_id}
 * (history from the response's session). {@link RedisResponsesResumeTest} runs them on Redis.
 */
@QuarkusTest
class ResponsesResumeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Test
    void resumingAfterAnySequenceNumberGivesExactlyTheSuffix() {
        List<SseEvent> full = stream(base, """
                {"model":"test-script","input":"resume me","stream":true,"sluice":{"reasoning":"why","chunk":2}}""");
        String id = full.get(0).json().at("/response/id").asText();
        int n = full.size();
        for (long after : new long[] {-1, 0, 1, 2, 5, n / 2, n - 2, n - 1}) {
            List<SseEvent> suffix = resume(base, id, after == -1 ? null : after);
            assertEquals(data(full.subList((int) after + 1, n)), data(suffix), "starting_after=" + after);
            assertEquals(LongStream.range(after + 1, n).boxed().toList(), sequenceNumbers(suffix));
        }
        List<SseEvent> byHeader = SseClient.get(base.resolve("/v1/responses/" + id + "?stream=true&starting_after=1"),
                Map.of("Last-Event-ID", "4"));
        assertEquals(data(full.subList(5, n)), data(byHeader), "Last-Event-ID wins over starting_after");
        assertTrue(resume(base, id, (long) n + 10).isEmpty(), "past the end: nothing");
    }

    @Test
    void aLiveStreamResumesWhereTheDroppedConnectionLeft() {
        // In the background, so the stream goes on while nobody reads it.
        String body = """
                {"model":"test-script","input":"x","stream":true,"background":true,
                 "sluice":{"script":"abcdefghijklmnopqrst","gap_ms":15}}""";
        List<SseEvent> head = SseClient.read(SseClient.postJson(base.resolve("/v1/responses"), body), 7);
        String id = head.get(0).json().at("/response/id").asText();
        long last = head.get(head.size() - 1).json().path("sequence_number").asLong();
        List<SseEvent> tail = resume(base, id, last);
        List<SseEvent> joined = new ArrayList<>(head);
        joined.addAll(tail);
        assertEquals(data(resume(base, id, null)), data(joined), "head + resumed tail = the whole stream");
        assertEquals(LongStream.range(0, joined.size()).boxed().toList(), sequenceNumbers(joined));
        assertEquals("response.completed", joined.get(joined.size() - 1).event());
    }

    @Test
    void concurrentReadersEachGetTheWholeStream() {
        String id = create(base, """
                {"model":"test-script","input":"x","background":true,
                 "sluice":{"script":"fan out to every reader","gap_ms":10}}""").getString("id");
        CompletableFuture<List<SseEvent>> first = CompletableFuture.supplyAsync(() -> resume(base, id, null));
        CompletableFuture<List<SseEvent>> second = CompletableFuture.supplyAsync(() -> resume(base, id, null));
        List<String> a = data(first.join());
        List<String> b = data(second.join());
        assertEquals(a, b);
        assertEquals(data(resume(base, id, null)), a);
        assertEquals("fan out to every reader", awaitEnd(base, id).getString("output[0].content[0].text"));
    }

    @Test
    void retrieveAnswersTheResponseTheStreamEndedWith() throws Exception {
        List<SseEvent> events = stream(base, """
                {"model":"test-script","input":"whole","stream":true,"temperature":0.5,"user":"u-1",
                 "sluice":{"script":"the whole answer","chunk":4}}""");
        JsonNode completed = events.get(events.size() - 1).json().path("response");
        String id = completed.path("id").asText();
        JsonNode retrieved = MAPPER.readTree(given().get(base.resolve("/v1/responses/" + id))
                .then().statusCode(200).extract().asString());
        assertEquals(completed, retrieved);
        assertEquals(0.5, retrieved.path("temperature").asDouble());
        assertEquals("u-1", retrieved.path("user").asText());

        JsonNode whole = MAPPER.readTree(given().contentType("application/json").body("""
                {"model":"test-script","input":"whole","sluice":{"script":"the whole answer"}}""")
                .post(base.resolve("/v1/responses")).then().statusCode(200).extract().asString());
        assertEquals("completed", whole.path("status").asText());
        assertEquals("the whole answer", whole.at("/output/0/content/0/text").asText());
        assertEquals(whole, MAPPER.readTree(given().get(base.resolve("/v1/responses/" + whole.path("id").asText()))
                .then().statusCode(200).extract().asString()));
    }

    @Test
    void previousResponseIdContinuesTheConversationWithoutTheEarlierInstructions() {
        String first = create(base, """
                {"model":"test-script","input":"first","instructions":"Be brief.","sluice":{"script":"one"}}""")
                .getString("id");
        var second = create(base, """
                {"model":"test-script","input":"second","previous_response_id":"%s",
                 "sluice":{"transcript":true}}""".formatted(first));
        assertEquals("user: first\nassistant: one\nuser: second", second.getString("output[0].content[0].text"));
        assertEquals(first, second.getString("previous_response_id"));

        var third = create(base, """
                {"model":"test-script","input":[{"role":"user","content":[{"type":"input_text","text":"third"}]}],
                 "instructions":"Be terse.","previous_response_id":"%s","sluice":{"transcript":true}}"""
                .formatted(second.getString("id")));
        assertEquals("system: Be terse.\nuser: first\nassistant: one\nuser: second\n"
                + "assistant: user: first\nassistant: one\nuser: second\nuser: third",
                third.getString("output[0].content[0].text"));
        GenerationRequest upstream = ScriptedProvider.LAST_BY_SESSION.get(third.getString("id"));
        assertEquals(List.of("system", "user", "assistant", "user", "assistant", "user"),
                upstream.messages().stream().map(m -> m.role()).toList());

        // Not stored itself, a continuation still sees the stored conversation.
        var unstored = create(base, """
                {"model":"test-script","input":"fourth","store":false,"previous_response_id":"%s",
                 "sluice":{"transcript":true}}""".formatted(first));
        assertEquals("user: first\nassistant: one\nuser: fourth", unstored.getString("output[0].content[0].text"));
        assertEquals(false, unstored.getBoolean("store"));
        given().get(base.resolve("/v1/responses/" + unstored.getString("id"))).then().statusCode(404)
                .body("error.code", org.hamcrest.Matchers.equalTo("response_not_found"));
        given().contentType("application/json").body("""
                {"model":"test-script","input":"fifth","previous_response_id":"%s"}"""
                .formatted(unstored.getString("id")))
                .post(base.resolve("/v1/responses")).then().statusCode(400)
                .body("error.code", org.hamcrest.Matchers.equalTo("previous_response_not_found"))
                .body("error.param", org.hamcrest.Matchers.equalTo("previous_response_id"));
    }

    @Test
    void aFunctionCallAndItsOutputContinueAcrossResponses() {
        var call = create(base, """
                {"model":"test-script","input":"weather?",
                 "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}],
                 "sluice":{"tool_name":"get_weather","tool_arguments":"{\\"city\\":\\"Paris\\"}","chunk":3}}""");
        assertEquals("function_call", call.getString("output[0].type"));
        assertEquals("call_1", call.getString("output[0].call_id"));
        GenerationRequest offered = ScriptedProvider.LAST_BY_SESSION.get(call.getString("id"));
        assertEquals("get_weather", offered.tools().definitions().get(0).name());
        assertEquals("object", offered.tools().definitions().get(0).parameters().path("type").asText());

        var answer = create(base, """
                {"model":"test-script","previous_response_id":"%s",
                 "input":[{"type":"function_call_output","call_id":"call_1","output":"sunny"}],
                 "sluice":{"transcript":true}}""".formatted(call.getString("id")));
        assertEquals("user: weather?\nassistant:  [call call_1 get_weather {\"city\":\"Paris\"}]\n"
                + "tool: sunny [for call_1 get_weather]", answer.getString("output[0].content[0].text"));

        // Stateless: the client sends the call and its output itself.
        var stateless = create(base, """
                {"model":"test-script","store":false,"input":[
                   {"role":"user","content":"rain?"},
                   {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Checking."}]},
                   {"type":"function_call","call_id":"call_9","name":"get_weather","arguments":"{}"},
                   {"type":"reasoning","id":"rs_1","summary":[]},
                   {"type":"function_call_output","call_id":"call_9","output":[{"type":"input_text","text":"rain"}]}],
                 "sluice":{"transcript":true}}""");
        assertEquals("user: rain?\nassistant: Checking. [call call_9 get_weather {}]\n"
                + "tool: rain [for call_9 get_weather]", stateless.getString("output[0].content[0].text"));
    }

    private static List<String> data(List<SseEvent> events) {
        return events.stream().map(SseEvent::data).toList();
    }
}
