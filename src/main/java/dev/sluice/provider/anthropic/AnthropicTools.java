package dev.sluice.provider.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.ToolCall;
import dev.sluice.provider.ToolChoice;
import dev.sluice.provider.ToolDefinition;
import dev.sluice.provider.Tools;
import dev.sluice.provider.http.UpstreamJson;
import java.util.List;

/**
 * Tool calling in the Messages API's own shape: {@code tools} ({@code name}, {@code description},
 * {@code input_schema}), {@code tool_choice} ({@code auto}, {@code any}, {@code tool}, {@code none},
 * with {@code disable_parallel_tool_use}), an assistant turn's calls as {@code tool_use} blocks whose
 * {@code input} is the parsed arguments object, and tool results as {@code tool_result} blocks of
 * one user turn (Anthropic wants every result of a turn's calls in the user message right after it).
 */
final class AnthropicTools {

    private AnthropicTools() {}

    /** Writes the conversation (system and developer turns excluded) as {@code messages}. */
    static void messages(ArrayNode messages, List<ChatMessage> turns) {
        ArrayNode results = null; // the tool_result blocks of the user turn being built
        for (ChatMessage m : turns) {
            String content = m.content() == null ? "" : m.content();
            switch (m.role()) {
                case "system", "developer" -> { } // the caller put them into `system`
                case "tool" -> {
                    if (results == null) {
                        results = messages.addObject().put("role", "user").putArray("content");
                    }
                    toolResult(results, m, content);
                }
                case "assistant" -> {
                    results = null;
                    ObjectNode turn = messages.addObject().put("role", "assistant");
                    if (m.toolCalls().isEmpty()) {
                        turn.put("content", content);
                    } else {
                        ArrayNode blocks = turn.putArray("content");
                        if (!content.isEmpty()) {
                            blocks.addObject().put("type", "text").put("text", content); // an empty text block is refused
                        }
                        for (ToolCall call : m.toolCalls()) {
                            blocks.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                                    .set("input", UpstreamJson.argumentsObject(call.arguments()));
                        }
                    }
                }
                default -> {
                    results = null;
                    messages.addObject().put("role", "user").put("content", content);
                }
            }
        }
    }

    /** A result without a call id (a legacy function turn whose call is not in the history) goes as text. */
    private static void toolResult(ArrayNode blocks, ChatMessage m, String content) {
        if (m.toolCallId() == null) {
            blocks.addObject().put("type", "text").put("text", (m.name() == null ? "tool" : m.name())
                    + " returned: " + content);
            return;
        }
        blocks.addObject().put("type", "tool_result").put("tool_use_id", m.toolCallId()).put("content", content);
    }

    /** {@code tools} and {@code tool_choice}, when the request offers tools. */
    static void tools(ObjectNode body, Tools tools) {
        if (!tools.offered()) {
            return;
        }
        ArrayNode list = body.putArray("tools");
        for (ToolDefinition tool : tools.definitions()) {
            ObjectNode entry = list.addObject().put("name", tool.name());
            if (tool.description() != null) {
                entry.put("description", tool.description());
            }
            if (tool.parameters() != null) {
                entry.set("input_schema", tool.parameters());
            } else { // Anthropic requires a schema, also for a function without parameters
                entry.putObject("input_schema").put("type", "object").putObject("properties");
            }
        }
        ToolChoice choice = tools.choice();
        boolean single = Boolean.FALSE.equals(tools.parallel());
        if (choice == null && !single) {
            return; // Anthropic's default is auto with parallel calls allowed
        }
        ObjectNode node = body.putObject("tool_choice");
        ToolChoice.Mode mode = choice == null ? ToolChoice.Mode.AUTO : choice.mode();
        switch (mode) {
            case AUTO -> node.put("type", "auto");
            case REQUIRED -> node.put("type", "any");
            case FUNCTION -> node.put("type", "tool").put("name", choice.function());
            case NONE -> node.put("type", "none");
        }
        if (single && mode != ToolChoice.Mode.NONE) {
            node.put("disable_parallel_tool_use", true);
        }
    }

    /**
     * The calls' arguments must be JSON objects, as {@code tool_use.input} is one.
     *
     * @throws IllegalArgumentException naming the message whose call has other arguments
     */
    static void check(List<ChatMessage> turns) {
        for (ChatMessage turn : turns) {
            for (ToolCall call : turn.toolCalls()) {
                if (!UpstreamJson.isArgumentsObject(call.arguments())) {
                    throw new IllegalArgumentException("The arguments of the tool call '" + call.id()
                            + "' must be a JSON object for this model's provider.");
                }
            }
        }
    }
}
