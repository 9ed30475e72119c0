package dev.sluice.provider.simulator;

import static dev.sluice.provider.simulator.SimulatorFixture.ENCODING;
import static dev.sluice.provider.simulator.SimulatorFixture.decode;
import static dev.sluice.provider.simulator.SimulatorFixture.instant;
import static dev.sluice.provider.simulator.SimulatorFixture.paced;
import static dev.sluice.provider.simulator.SimulatorFixture.provider;
import static dev.sluice.provider.simulator.SimulatorFixture.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ToolCall;
import dev.sluice.provider.ToolChoice;
import dev.sluice.provider.ToolDefinition;
import dev.sluice.provider.Tools;
import dev.sluice.model.FinishReason;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's tool-calling mode: the option {@code tool_call} on a request that offers tools. */
class SimulatorToolCallTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Tools TOOLS = new Tools(List.of(
            new ToolDefinition("get_weather", "Current weather", json("""
                    {"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"},
                     "unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]}""")),
            new ToolDefinition("get_time", null, null)), null, null);

    private static GenerationRequest request(Object toolCall, Tools tools, Integer maxTokens, ChatMessage... messages) {
        Map<String, Object> options = new HashMap<>();
        options.put("seed", 42L);
        options.put("tool_call", toolCall);
        return new GenerationRequest("text", messages.length == 0 ? List.of(ChatMessage.user("Weather in Zürich?"))
                : List.of(messages), maxTokens, null, false, null, options, tools);
    }

    private static List<Delta> run(GenerationRequest request) {
        SimulatorProvider simulator = provider(instant(50), vertx, stats());
        simulator.validate(request);
        return simulator.stream(request).subscribe().withSubscriber(AssertSubscriber.<Delta>create(Long.MAX_VALUE))
                .awaitCompletion().getItems();
    }

    private static List<Delta.ToolCall> calls(List<Delta> items) {
        return items.stream().filter(Delta.ToolCall.class::isInstance).map(Delta.ToolCall.class::cast).toList();
    }

    private static String arguments(List<Delta.ToolCall> calls, int index) {
        StringBuilder text = new StringBuilder();
        calls.stream().filter(c -> c.index() == index).forEach(c -> text.append(c.arguments()));
        return text.toString();
    }

    @Test
    void aNamedCallStreamsItsIdAndNameOnceThenTheArgumentsTokenByToken() {
        ObjectNode call = JSON.createObjectNode().put("name", "get_weather");
        call.putObject("arguments").put("city", "Zürich");
        List<Delta> items = run(request(call, TOOLS, null));
        List<Delta.ToolCall> calls = calls(items);
        Delta.ToolCall first = calls.get(0);
        assertEquals("get_weather", first.name());
        assertTrue(first.id().matches("call_[0-9a-f]{24}"), first.id());
        assertEquals("", first.arguments());
        // o200k_base's tokens of {"city":"Zürich"}, each a whole-text fragment, with no id or name
        assertEquals(List.of("{\"", "city", "\":\"", "Z", "ür", "ich", "\"}"),
                calls.subList(1, calls.size()).stream().map(Delta.ToolCall::arguments).toList());
        assertTrue(calls.subList(1, calls.size()).stream().allMatch(c -> c.id() == null && c.name() == null
                && c.index() == 0));
        assertEquals(new Delta.Usage(10, 7), items.get(items.size() - 2));
        assertEquals(new Delta.Finish(FinishReason.TOOL_CALLS), items.get(items.size() - 1));
    }

    @Test
    void theIdFollowsTheSeed() {
        String a = calls(run(request("get_time", TOOLS, null))).get(0).id();
        String b = calls(run(request("get_time", TOOLS, null))).get(0).id();
        GenerationRequest other = request("get_time", TOOLS, null);
        Map<String, Object> options = new HashMap<>(other.options());
        options.put("seed", 43L);
        String c = calls(run(new GenerationRequest("text", other.messages(), null, null, false, null, options,
                TOOLS))).get(0).id();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void aListMakesParallelCallsEachOpenedWithItsOwnIdAndName() {
        List<Delta.ToolCall> calls = calls(run(request(json("""
                [{"name":"get_weather","arguments":{"city":"東京"}},{"name":"get_time","arguments":"{}"}]"""),
                TOOLS, null)));
        List<Delta.ToolCall> opening = calls.stream().filter(c -> c.name() != null).toList();
        assertEquals(List.of(0, 1), opening.stream().map(Delta.ToolCall::index).toList());
        assertEquals(List.of("get_weather", "get_time"), opening.stream().map(Delta.ToolCall::name).toList());
        assertNotEquals(opening.get(0).id(), opening.get(1).id());
        assertEquals("{\"city\":\"東京\"}", arguments(calls, 0));
        assertEquals("{}", arguments(calls, 1));
        int firstOfSecond = calls.indexOf(opening.get(1));
        assertTrue(calls.subList(0, firstOfSecond).stream().allMatch(c -> c.index() == 0), "call 0 streams first");
    }

    @Test
    void parallelCallsFalseMakesOnlyTheFirstCall() {
        Tools single = new Tools(TOOLS.definitions(), null, false);
        List<Delta.ToolCall> calls = calls(run(request(json("[\"get_weather\",\"get_time\"]"), single, null)));
        assertTrue(calls.stream().allMatch(c -> c.index() == 0));
    }

    @Test
    void trueCallsTheFirstToolWithArgumentsMadeFromItsSchema() {
        List<Delta> items = run(request(true, TOOLS, null));
        List<Delta.ToolCall> calls = calls(items);
        assertEquals("get_weather", calls.get(0).name());
        JsonNode arguments = json(arguments(calls, 0));
        assertEquals(List.of("city", "days", "unit"), iterate(arguments.fieldNames()));
        assertTrue(arguments.get("city").isTextual());
        assertTrue(arguments.get("days").isInt());
        assertEquals("celsius", arguments.get("unit").asText());
        assertEquals(arguments(calls, 0), arguments(calls(run(request(true, TOOLS, null))), 0), "seeded");
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    @Test
    void aFunctionWithoutParametersGetsAnEmptyObject() {
        assertEquals("{}", arguments(calls(run(request("get_time", TOOLS, null))), 0));
    }

    @Test
    void afterAToolResultTheSimulatorAnswersWithTextSayingWhatTheToolsReturned() {
        List<Delta> items = run(request(true, TOOLS, null, ChatMessage.user("Weather in Zürich?"),
                ChatMessage.assistantCalls(null, List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Zürich\"}"),
                        new ToolCall("call_2", "get_time", "{}"))),
                ChatMessage.toolResult("call_1", null, "{\"temp\":3}"),
                ChatMessage.toolResult("call_2", "get_time", "09:30")));
        assertTrue(calls(items).isEmpty());
        assertEquals("get_weather returned {\"temp\":3}. get_time returned 09:30.", decode(items));
        assertEquals(new Delta.Finish(FinishReason.STOP), items.get(items.size() - 1));
    }

    @Test
    void toolChoiceNoneStreamsTextInstead() {
        List<Delta> items = run(request(true, new Tools(TOOLS.definitions(), ToolChoice.NONE, null), null));
        assertTrue(calls(items).isEmpty());
        assertEquals(new Delta.Finish(FinishReason.STOP), items.get(items.size() - 1));
    }

    @Test
    void maxTokensCutsTheArgumentsShortWithLength() {
        List<Delta> items = run(request(json("{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Zürich\"}}"),
                TOOLS, 3));
        assertEquals("{\"city\":\"", arguments(calls(items), 0));
        assertEquals(new Delta.Usage(10, 3), items.get(items.size() - 2));
        assertEquals(new Delta.Finish(FinishReason.LENGTH), items.get(items.size() - 1));
    }

    @Test
    void eachFragmentIsOnePacedStep() {
        // timers that fire at once but record each wait the stream asked for
        List<Long> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        TokenTimers timers = onFire -> new TokenTimers.Timer() {
            @Override
            public void arm(long delayMillis) {
                waits.add(delayMillis);
                vertx.runOnContext(v -> onFire.run());
            }

            @Override
            public void cancel() {
            }
        };
        GenerationRequest request = request(json("{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Zürich\"}}"),
                TOOLS, null);
        List<Delta> items = provider(paced(400, 300, 0, 10), timers, stats()).stream(request).subscribe()
                .withSubscriber(AssertSubscriber.<Delta>create(Long.MAX_VALUE)).awaitCompletion().getItems();
        assertEquals(8, calls(items).size());
        assertEquals(8, waits.size(), "the time to first token, then one gap before each later fragment: " + waits);
        // the timers fire at once, so each wait reaches one gap further along the stream's grid
        for (int i = 1; i < waits.size(); i++) {
            assertTrue(waits.get(i) > waits.get(i - 1), "" + waits);
        }
    }

    @Test
    void badToolCallOptionsAreRefusedNamingTheOption() {
        SimulatorProvider simulator = provider(instant(5), vertx, stats());
        assertEquals("simulator option 'tool_call' needs 'tools' in the request: the simulator calls only a tool "
                + "the request offers", assertThrows(IllegalArgumentException.class,
                () -> simulator.validate(request(true, Tools.NONE, null))).getMessage());
        assertEquals("simulator option 'tool_call' names 'get_stock', which is not among the request's tools",
                assertThrows(IllegalArgumentException.class,
                        () -> simulator.validate(request("get_stock", TOOLS, null))).getMessage());
        assertEquals("simulator option 'tool_call' must be true, a function name, {\"name\": …, \"arguments\": {…}} "
                + "or a list of those", assertThrows(IllegalArgumentException.class,
                () -> simulator.validate(request(5L, TOOLS, null))).getMessage());
        assertEquals("simulator option 'tool_call' 'arguments' must be an object, or a string of the exact JSON text",
                assertThrows(IllegalArgumentException.class, () -> simulator.validate(request(
                        json("{\"name\":\"get_time\",\"arguments\":[1]}"), TOOLS, null))).getMessage());
        assertEquals("simulator option 'tool_call' must not be an empty list", assertThrows(
                IllegalArgumentException.class, () -> simulator.validate(request(json("[]"), TOOLS, null))).getMessage());
    }

    @Test
    void theTokenizerSplitsCharactersAcrossTokensOnlyWhereTheFragmentsJoinThem() {
        // a string whose tokens split UTF-8 characters: every fragment is still whole text
        ObjectNode call = JSON.createObjectNode().put("name", "get_weather");
        call.putObject("arguments").put("city", "👩‍💻🇨🇭 Zürich");
        List<Delta.ToolCall> calls = calls(run(request(call, TOOLS, null)));
        assertEquals("{\"city\":\"👩‍💻🇨🇭 Zürich\"}", arguments(calls, 0));
        assertTrue(calls.stream().allMatch(c -> !c.arguments().isEmpty() || c.name() != null));
        assertTrue(calls.stream().noneMatch(c -> c.arguments().contains("\uFFFD")));
        assertTrue(ENCODING.encodeOrdinary("👩‍💻🇨🇭").size() > 2, "the emoji take several byte-level tokens");
    }
}
