package dev.sluice.provider;

import java.util.List;

/**
 * One turn of a conversation as sent upstream. Roles: system, developer, user, assistant, tool.
 *
 * @param toolCalls  the calls an assistant turn made (possibly with no content); never null
 * @param toolCallId for a {@code tool} turn: the id of the call whose result {@code content} is, else null
 * @param name       for a {@code tool} turn: the function's name when known (Gemini needs it), else null
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId, String name) {

    public ChatMessage {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public ChatMessage(String role, String content) {
        this(role, content, List.of(), null, null);
    }

    public static ChatMessage user(String content) { return new ChatMessage("user", content); }
    public static ChatMessage system(String content) { return new ChatMessage("system", content); }

    public static ChatMessage assistantCalls(String content, List<ToolCall> calls) {
        return new ChatMessage("assistant", content, calls, null, null);
    }

    public static ChatMessage toolResult(String toolCallId, String name, String content) {
        return new ChatMessage("tool", content, List.of(), toolCallId, name);
    }

    /** The same turn with other text (masking), keeping its tool calls and ids. */
    public ChatMessage withContent(String newContent) {
        return new ChatMessage(role, newContent, toolCalls, toolCallId, name);
    }
}
