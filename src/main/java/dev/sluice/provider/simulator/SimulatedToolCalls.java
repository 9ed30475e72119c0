package dev.sluice.provider.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ToolCall;
import dev.sluice.provider.ToolChoice;
import dev.sluice.provider.ToolDefinition;
import dev.sluice.provider.Tools;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The simulator's tool-calling mode, asked for with the option {@code tool_call} on a request that
 * offers tools: {@code true} (call the first tool, arguments made from its schema), a function name,
 * {@code {"name": …, "arguments": …}} (arguments an object, or a string used as the exact JSON text),
 * or a list of those for parallel calls. A request whose last message is a tool result is answered
 * with text instead, so that a client's call → result → answer loop ends.
 */
final class SimulatedToolCalls {

    static final String OPTION = "tool_call";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One call to make: the function and its arguments' JSON text, or null to make them from the schema. */
    record Planned(ToolDefinition function, String arguments) {}

    private SimulatedToolCalls() {}

    /**
     * The calls the request asks for; empty when it asks for none, when {@code tool_choice} is
     * {@code none}, or when the conversation ends with a tool result (then {@link #resultSummary} answers).
     *
     * @throws IllegalArgumentException naming the option when it is malformed or names an unknown tool
     */
    static List<Planned> plan(GenerationRequest request) {
        Object option = request.options().get(OPTION);
        if (option == null || Boolean.FALSE.equals(option)) {
            return List.of();
        }
        Tools tools = request.tools();
        if (!tools.offered()) {
            throw bad("needs 'tools' in the request: the simulator calls only a tool the request offers");
        }
        List<Planned> calls = new ArrayList<>();
        JsonNode node = node(option);
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw bad("must not be an empty list");
            }
            for (JsonNode entry : node) {
                calls.add(call(entry, tools));
            }
        } else {
            calls.add(call(node, tools));
        }
        boolean answering = !request.messages().isEmpty()
                && "tool".equals(request.messages().get(request.messages().size() - 1).role());
        if (answering || (tools.choice() != null && tools.choice().mode() == ToolChoice.Mode.NONE)) {
            return List.of();
        }
        // Like a real model told parallel_tool_calls=false: one call per turn.
        return Boolean.FALSE.equals(tools.parallel()) ? calls.subList(0, 1) : calls;
    }

    /** Whether the request is the turn after tool results in a conversation that uses the tool mode. */
    static boolean answersToolResults(GenerationRequest request) {
        Object option = request.options().get(OPTION);
        return option != null && !Boolean.FALSE.equals(option) && !request.messages().isEmpty()
                && "tool".equals(request.messages().get(request.messages().size() - 1).role());
    }

    /**
     * The final answer to the trailing tool results: each function's name and what it returned, e.g.
     * {@code get_weather returned {"temp":3}.}
     */
    static String resultSummary(List<ChatMessage> messages) {
        int first = messages.size();
        while (first > 0 && "tool".equals(messages.get(first - 1).role())) {
            first--;
        }
        StringBuilder text = new StringBuilder();
        for (int i = first; i < messages.size(); i++) {
            ChatMessage result = messages.get(i);
            text.append(text.isEmpty() ? "" : " ").append(functionName(messages, i)).append(" returned ")
                    .append(result.content() == null ? "" : result.content()).append('.');
        }
        return text.toString();
    }

    private static String functionName(List<ChatMessage> messages, int toolTurn) {
        ChatMessage result = messages.get(toolTurn);
        if (result.name() != null) {
            return result.name();
        }
        for (int i = toolTurn - 1; i >= 0; i--) {
            for (ToolCall call : messages.get(i).toolCalls()) {
                if (call.id() != null && call.id().equals(result.toolCallId())) {
                    return call.name();
                }
            }
        }
        return "the tool";
    }

    /** A call id as OpenAI's look: {@code call_} and 24 hex digits, drawn from the stream's seed. */
    static String id(Random random) {
        return "call_" + String.format("%08x%08x%08x", random.nextInt(), random.nextInt(), random.nextInt());
    }

    /** The arguments' JSON text: as given, or made from the function's schema. */
    static String argumentsText(Planned call, Random random) {
        if (call.arguments() != null) {
            return call.arguments();
        }
        return new SchemaExample(random).arguments(call.function().parameters()).toString();
    }

    private static Planned call(JsonNode entry, Tools tools) {
        if (entry.isBoolean() && entry.booleanValue()) {
            return new Planned(tools.definitions().get(0), null);
        }
        if (entry.isTextual()) {
            return new Planned(function(entry.asText(), tools), null);
        }
        if (!entry.isObject() || !entry.path("name").isTextual()) {
            throw bad("must be true, a function name, {\"name\": …, \"arguments\": {…}} or a list of those");
        }
        ToolDefinition function = function(entry.get("name").asText(), tools);
        JsonNode arguments = entry.get("arguments");
        if (arguments == null || arguments.isNull()) {
            return new Planned(function, null);
        }
        if (arguments.isTextual()) {
            return new Planned(function, arguments.asText());
        }
        if (!arguments.isObject()) {
            throw bad("'arguments' must be an object, or a string of the exact JSON text");
        }
        return new Planned(function, arguments.toString());
    }

    private static ToolDefinition function(String name, Tools tools) {
        return tools.definitions().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> bad("names '" + shorten(name) + "', which is not among the request's tools"));
    }

    /** The option as JSON: a tree from a JSON body, or a boolean or string (a name, or JSON text) from elsewhere. */
    private static JsonNode node(Object option) {
        if (option instanceof JsonNode node) {
            return node;
        }
        if (option instanceof Boolean b) {
            return MAPPER.getNodeFactory().booleanNode(b);
        }
        if (option instanceof String s) {
            String text = s.trim();
            if (text.startsWith("{") || text.startsWith("[")) {
                try {
                    return MAPPER.readTree(text);
                } catch (IOException e) {
                    throw bad("is not valid JSON");
                }
            }
            return MAPPER.getNodeFactory().textNode(text);
        }
        throw bad("must be true, a function name, {\"name\": …, \"arguments\": {…}} or a list of those");
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static IllegalArgumentException bad(String problem) {
        return new IllegalArgumentException("simulator option '" + OPTION + "' " + problem);
    }
}
