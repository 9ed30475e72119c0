package dev.sluice.api.responses;

import static dev.sluice.api.responses.ResponsesCalls.assertFraming;
import static dev.sluice.api.responses.ResponsesCalls.sequenceNumbers;
import static dev.sluice.api.responses.ResponsesCalls.stream;
import static dev.sluice.api.responses.ResponsesCalls.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.api.EncodingType;
import dev.sluice.provider.BpeVocabularies;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.testing.SimulatorOracle;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The streamed Responses API: exact event names, order, sequence numbers, text and item ids. */
@QuarkusTest
class ResponsesStreamTest {

    private static final String PROMPT = "Sluice gates: ouverture à 06:30 — 水門を開く 🚰👩‍💻 done.";

    @TestHTTPResource("/")
    URI base;

    @Inject
    ProviderRegistry registry;

    @Test
    void aStreamedResponseIsTheDocumentedSequenceWithTheSimulatorsTokens() {
        List<String> tokens = SimulatorOracle.tokens(registry, "sluice-echo", PROMPT,
                Map.of("gap_ms", 0L, "ttft_ms", 0L));
        List<SseEvent> events = stream(base, """
                {"model":"sluice-echo","input":"%s","stream":true,"instructions":"Echo.","metadata":{"k":"v"},
                 "sluice":{"gap_ms":0,"ttft_ms":0}}""".formatted(PROMPT));

        List<String> expected = new ArrayList<>(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added"));
        expected.addAll(Collections.nCopies(tokens.size(), "response.output_text.delta"));
        expected.addAll(List.of("response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed"));
        assertEquals(expected, types(events));
        assertEquals(LongStream.range(0, events.size()).boxed().toList(), sequenceNumbers(events), "gapless from 0");
        assertFraming(events);

        JsonNode created = events.get(0).json().path("response");
        String id = created.path("id").asText();
        assertTrue(id.matches("resp_[0-9a-f]{32}"), id);
        assertEquals("response", created.path("object").asText());
        assertEquals("in_progress", created.path("status").asText());
        assertEquals("sluice-echo", created.path("model").asText());
        assertEquals("Echo.", created.path("instructions").asText());
        assertEquals("v", created.at("/metadata/k").asText());
        assertTrue(created.path("output").isEmpty());
        assertTrue(created.path("usage").isNull());

        JsonNode added = events.get(2).json();
        String itemId = added.at("/item/id").asText();
        assertEquals("msg_" + id.substring(5) + "_0", itemId);
        assertEquals(0, added.path("output_index").asInt());
        assertEquals("message", added.at("/item/type").asText());
        assertEquals("in_progress", added.at("/item/status").asText());
        assertEquals("assistant", added.at("/item/role").asText());
        assertTrue(added.at("/item/content").isEmpty());
        JsonNode part = events.get(3).json();
        assertEquals(itemId, part.path("item_id").asText());
        assertEquals("output_text", part.at("/part/type").asText());
        assertEquals("", part.at("/part/text").asText());

        List<String> deltas = new ArrayList<>();
        for (SseEvent delta : events.subList(4, 4 + tokens.size())) {
            assertEquals(itemId, delta.json().path("item_id").asText());
            assertEquals(0, delta.json().path("output_index").asInt());
            assertEquals(0, delta.json().path("content_index").asInt());
            deltas.add(delta.json().path("delta").asText());
        }
        assertEquals(tokens, deltas, "the deltas are the simulator's tokens, in order");

        int done = 4 + tokens.size();
        assertEquals(PROMPT, events.get(done).json().path("text").asText());
        assertEquals(PROMPT, events.get(done + 1).json().at("/part/text").asText());
        JsonNode itemDone = events.get(done + 2).json().path("item");
        assertEquals("completed", itemDone.path("status").asText());
        assertEquals(PROMPT, itemDone.at("/content/0/text").asText());

        JsonNode completed = events.get(done + 3).json().path("response");
        assertEquals(id, completed.path("id").asText());
        assertEquals("completed", completed.path("status").asText());
        assertTrue(completed.path("completed_at").asLong() >= completed.path("created_at").asLong());
        assertEquals(1, completed.path("output").size());
        assertEquals(itemDone, completed.at("/output/0"));
        // The simulator counts BPE tokens; a character split across tokens arrives as one delta.
        int bpeTokens = BpeVocabularies.of(EncodingType.O200K_BASE).encodeOrdinary(PROMPT).size();
        assertEquals(bpeTokens, completed.at("/usage/output_tokens").asInt());
        assertEquals(completed.at("/usage/input_tokens").asInt() + bpeTokens,
                completed.at("/usage/total_tokens").asInt());
        assertTrue(completed.path("error").isNull());
        assertTrue(completed.path("incomplete_details").isNull());
    }

    @Test
    void reasoningArrivesAsASummaryItemBeforeTheMessage() {
        List<SseEvent> events = stream(base, """
                {"model":"test-script","input":"hi","stream":true,
                 "sluice":{"reasoning":"hmm","script":"ok","chunk":2}}""");
        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
                "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed"), types(events));
        assertEquals(LongStream.range(0, events.size()).boxed().toList(), sequenceNumbers(events));
        assertEquals("reasoning", events.get(2).json().at("/item/type").asText());
        assertEquals(List.of("hm", "m"), List.of(events.get(4).json().path("delta").asText(),
                events.get(5).json().path("delta").asText()));
        assertEquals("hmm", events.get(6).json().path("text").asText());
        JsonNode response = events.get(events.size() - 1).json().path("response");
        assertEquals("reasoning", response.at("/output/0/type").asText());
        assertEquals("hmm", response.at("/output/0/summary/0/text").asText());
        assertEquals("message", response.at("/output/1/type").asText());
        assertEquals("ok", response.at("/output/1/content/0/text").asText());
        assertTrue(response.at("/output/1/id").asText().endsWith("_1"));
    }

    @Test
    void aTurnThatCallsAFunctionStreamsTheCallsArguments() {
        List<SseEvent> events = stream(base, """
                {"model":"test-script","input":"weather?","stream":true,
                 "tools":[{"type":"function","name":"get_weather","description":"Weather by city",
                           "parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}],
                 "tool_choice":"auto",
                 "sluice":{"script":"Let me check.","chunk":5,"tool_name":"get_weather",
                           "tool_arguments":"{\\"city\\":\\"Paris\\"}","tool_id":"call_7"}}""");
        List<String> names = types(events);
        int callAdded = names.lastIndexOf("response.output_item.added");
        assertEquals("response.output_item.done", names.get(callAdded - 1), "the message closes first");
        assertEquals(List.of("response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed"), names.subList(callAdded, names.size()));
        assertEquals(LongStream.range(0, events.size()).boxed().toList(), sequenceNumbers(events));

        JsonNode added = events.get(callAdded).json();
        assertEquals(1, added.path("output_index").asInt());
        assertEquals("function_call", added.at("/item/type").asText());
        assertEquals("call_7", added.at("/item/call_id").asText());
        assertEquals("get_weather", added.at("/item/name").asText());
        assertEquals("", added.at("/item/arguments").asText());
        String fcId = added.at("/item/id").asText();
        assertTrue(fcId.startsWith("fc_") && fcId.endsWith("_1"), fcId);
        StringBuilder arguments = new StringBuilder();
        for (SseEvent delta : events.subList(callAdded + 1, callAdded + 5)) {
            assertEquals(fcId, delta.json().path("item_id").asText());
            arguments.append(delta.json().path("delta").asText());
        }
        assertEquals("{\"city\":\"Paris\"}", arguments.toString());
        JsonNode argumentsDone = events.get(callAdded + 5).json();
        assertEquals("{\"city\":\"Paris\"}", argumentsDone.path("arguments").asText());
        assertEquals("get_weather", argumentsDone.path("name").asText());

        JsonNode response = events.get(events.size() - 1).json().path("response");
        assertEquals("completed", response.path("status").asText());
        assertEquals("Let me check.", response.at("/output/0/content/0/text").asText());
        JsonNode call = response.at("/output/1");
        assertEquals("function_call", call.path("type").asText());
        assertEquals("completed", call.path("status").asText());
        assertEquals("call_7", call.path("call_id").asText());
        assertEquals("{\"city\":\"Paris\"}", call.path("arguments").asText());
        assertEquals("get_weather", response.at("/tools/0/name").asText());
        assertTrue(response.at("/tools/0/strict").asBoolean());
        assertEquals("auto", response.path("tool_choice").asText());
    }

    @Test
    void parallelCallsAreOneItemEach() {
        List<SseEvent> events = stream(base, """
                {"model":"test-script","input":"both","stream":true,
                 "tools":[{"type":"function","name":"lookup","parameters":{"type":"object"}}],
                 "sluice":{"chunk":100,"tool_name":"lookup","tool_arguments":"{}","tool_calls":2,"tool_id":"c"}}""");
        JsonNode response = events.get(events.size() - 1).json().path("response");
        assertEquals(2, response.path("output").size());
        assertEquals("c_0", response.at("/output/0/call_id").asText());
        assertEquals("c_1", response.at("/output/1/call_id").asText());
        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done",
                "response.completed"), types(events));
    }

    @Test
    void maxOutputTokensEndsTheResponseIncomplete() {
        List<SseEvent> events = stream(base, """
                {"model":"sluice-echo","input":"one two three four five six","stream":true,"max_output_tokens":2,
                 "sluice":{"gap_ms":0,"ttft_ms":0}}""");
        SseEvent last = events.get(events.size() - 1);
        assertEquals("response.incomplete", last.event());
        JsonNode response = last.json().path("response");
        assertEquals("incomplete", response.path("status").asText());
        assertEquals("max_output_tokens", response.at("/incomplete_details/reason").asText());
        assertEquals(2, response.path("max_output_tokens").asInt());
        assertEquals("incomplete", response.at("/output/0/status").asText());
        assertEquals("one two", response.at("/output/0/content/0/text").asText());
        assertEquals(LongStream.range(0, events.size()).boxed().toList(), sequenceNumbers(events));
    }

    @Test
    void anUpstreamFailureIsAnErrorEventThenResponseFailed() {
        List<SseEvent> events = stream(base, """
                {"model":"test-script","input":"abcdef","stream":true,"sluice":{"fail_after":3}}""");
        List<String> names = types(events);
        assertEquals(List.of("error", "response.failed"), names.subList(names.size() - 2, names.size()));
        JsonNode error = events.get(events.size() - 2).json();
        assertEquals("upstream_error", error.path("code").asText());
        assertTrue(error.path("param").isNull());
        JsonNode response = events.get(events.size() - 1).json().path("response");
        assertEquals("failed", response.path("status").asText());
        assertEquals("server_error", response.at("/error/code").asText());
        assertEquals("abc", response.at("/output/0/content/0/text").asText());
        assertEquals("incomplete", response.at("/output/0/status").asText());
        assertEquals(LongStream.range(0, events.size()).boxed().toList(), sequenceNumbers(events));
        assertFalse(names.contains("response.output_item.done"));
    }

    @Test
    void maskedTextIsStreamedMaskedAndRedactionsMakeNoEvent() {
        List<SseEvent> events = stream(base, """
                {"model":"sluice-echo","input":"mail bob@example.com now","stream":true,"masking":"keep-all",
                 "sluice":{"gap_ms":0,"ttft_ms":0}}""");
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events) {
            assertFalse(e.data().contains("bob@example.com"), e.data());
            if ("response.output_text.delta".equals(e.event())) {
                text.append(e.json().path("delta").asText());
            }
        }
        assertTrue(text.toString().startsWith("mail ") && !text.toString().contains("@"), text.toString());
        assertTrue(types(events).stream().allMatch(t -> t.startsWith("response.")), types(events).toString());
        assertEquals(LongStream.range(0, events.size()).boxed().toList(), sequenceNumbers(events));
    }
}
