package dev.sluice.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.MessagesDecoder;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.ToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes Anthropic's {@code system} and {@code messages} into Sluice's turns. Content is a string
 * or an array of blocks: {@code text} blocks are joined; an assistant's {@code tool_use} blocks
 * become its tool calls (arguments = the JSON text of {@code input}); a user's
 * {@code tool_result} blocks become tool turns, ahead of the user's text as Anthropic orders them.
 * An assistant's {@code thinking} and {@code redacted_thinking} blocks are dropped: their
 * signatures mean nothing to another provider. Blocks Sluice cannot forward to every provider
 * (images, documents, server tools' results, …) are a 400 that names the block type, rather than
 * a reply that silently ignored part of the prompt.
 */
final class ContentBlocks {

    private ContentBlocks() {}

    /** The turns of {@code system} (if any) followed by those of {@code messages}. */
    static List<ChatMessage> decode(JsonNode root, int maxMessages, int maxChars) {
        List<ChatMessage> out = new ArrayList<>();
        JsonNode system = root.get("system");
        if (system != null && !system.isNull()) {
            String text = textOnly(system, "system", maxChars);
            if (!text.isEmpty()) {
                out.add(ChatMessage.system(text));
            }
        }
        JsonNode messages = root.get("messages");
        if (messages == null || messages.isNull()) {
            throw InvalidRequestException.of("messages", "missing_required_parameter",
                    "Missing required parameter: 'messages'.");
        }
        if (!messages.isArray()) {
            throw JsonFields.wrongType("messages", "an array of {role, content} objects");
        }
        if (messages.isEmpty()) {
            throw InvalidRequestException.of("messages", "invalid_value", "'messages' must not be empty.");
        }
        if (messages.size() > maxMessages) {
            throw InvalidRequestException.of("messages", "too_many_messages",
                    "'messages' has " + messages.size() + " entries; at most " + maxMessages + " are allowed.");
        }
        Map<String, String> toolNames = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            String param = "messages[" + i + "]";
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw JsonFields.wrongType(param, "an object with 'role' and 'content'");
            }
            JsonNode role = message.get("role");
            String content = param + ".content";
            switch (role == null || !role.isTextual() ? "" : role.asText()) {
                case "user" -> user(message.get("content"), content, maxChars, toolNames, out);
                case "assistant" -> out.add(assistant(message.get("content"), content, maxChars, toolNames));
                case "system" -> out.add(ChatMessage.system(textOnly(message.get("content"), content, maxChars)));
                default -> throw InvalidRequestException.of(param + ".role", "invalid_value",
                        "'" + param + ".role' must be 'user' or 'assistant'.");
            }
        }
        return out;
    }

    private static void user(JsonNode content, String param, int maxChars, Map<String, String> toolNames,
                             List<ChatMessage> out) {
        if (required(content, param).isTextual()) {
            out.add(ChatMessage.user(string(content, param, maxChars)));
            return;
        }
        StringBuilder text = new StringBuilder();
        boolean hasText = false;
        int results = 0;
        for (int b = 0; b < blocks(content, param).size(); b++) {
            JsonNode block = content.get(b);
            String blockParam = param + "[" + b + "]";
            switch (type(block, blockParam)) {
                case "text" -> {
                    text.append(blockText(block, blockParam));
                    hasText = true;
                }
                case "tool_result" -> {
                    String id = requiredString(block, "tool_use_id", blockParam);
                    JsonNode isError = block.get("is_error");
                    if (isError != null && !isError.isNull() && !isError.isBoolean()) {
                        throw JsonFields.wrongType(blockParam + ".is_error", "true or false");
                    }
                    JsonNode result = block.get("content");
                    String resultText = result == null || result.isNull() || result.isTextual()
                            ? string(result, blockParam + ".content", maxChars)
                            : textOnly(result, blockParam + ".content", maxChars);
                    out.add(ChatMessage.toolResult(id, toolNames.get(id), resultText));
                    results++;
                }
                default -> throw unsupported(block, blockParam, "a user turn");
            }
        }
        if (hasText || results == 0) {
            MessagesDecoder.requireLength(text.toString(), maxChars, param);
            out.add(ChatMessage.user(text.toString()));
        }
    }

    private static ChatMessage assistant(JsonNode content, String param, int maxChars, Map<String, String> toolNames) {
        if (required(content, param).isTextual()) {
            return new ChatMessage("assistant", string(content, param, maxChars));
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (int b = 0; b < blocks(content, param).size(); b++) {
            JsonNode block = content.get(b);
            String blockParam = param + "[" + b + "]";
            switch (type(block, blockParam)) {
                case "text" -> text.append(blockText(block, blockParam));
                case "tool_use" -> {
                    String id = requiredString(block, "id", blockParam);
                    String name = requiredString(block, "name", blockParam);
                    JsonNode input = block.get("input");
                    if (input == null || !input.isObject()) {
                        throw JsonFields.wrongType(blockParam + ".input", "an object");
                    }
                    String arguments = input.toString();
                    MessagesDecoder.requireLength(arguments, maxChars, blockParam + ".input");
                    calls.add(new ToolCall(id, name, arguments));
                    toolNames.put(id, name);
                }
                case "thinking", "redacted_thinking" -> { }
                default -> throw unsupported(block, blockParam, "an assistant turn");
            }
        }
        MessagesDecoder.requireLength(text.toString(), maxChars, param);
        return calls.isEmpty() ? new ChatMessage("assistant", text.toString())
                : ChatMessage.assistantCalls(text.toString(), calls);
    }

    /** A string, or an array of text blocks joined (the {@code system} prompt, a tool result's content). */
    private static String textOnly(JsonNode content, String param, int maxChars) {
        if (content == null || content.isNull() || content.isTextual()) {
            return string(content, param, maxChars);
        }
        StringBuilder text = new StringBuilder();
        for (int b = 0; b < blocks(content, param).size(); b++) {
            JsonNode block = content.get(b);
            String blockParam = param + "[" + b + "]";
            if (!"text".equals(type(block, blockParam))) {
                throw unsupported(block, blockParam, "'" + param + "'");
            }
            text.append(blockText(block, blockParam));
        }
        MessagesDecoder.requireLength(text.toString(), maxChars, param);
        return text.toString();
    }

    private static String string(JsonNode content, String param, int maxChars) {
        String text = content == null || content.isNull() ? "" : content.asText();
        MessagesDecoder.requireLength(text, maxChars, param);
        return text;
    }

    private static JsonNode required(JsonNode content, String param) {
        if (content == null || content.isNull()) {
            throw InvalidRequestException.of(param, "missing_required_parameter",
                    "Missing required parameter: '" + param + "'.");
        }
        return content;
    }

    private static JsonNode blocks(JsonNode content, String param) {
        if (!content.isArray()) {
            throw JsonFields.wrongType(param, "a string or an array of content blocks");
        }
        return content;
    }

    private static String type(JsonNode block, String param) {
        if (!block.isObject()) {
            throw JsonFields.wrongType(param, "a content block object with a 'type'");
        }
        JsonNode type = block.get("type");
        if (type == null || !type.isTextual()) {
            throw InvalidRequestException.of(param + ".type", "missing_required_parameter",
                    "Missing required parameter: '" + param + ".type'.");
        }
        return type.asText();
    }

    private static String blockText(JsonNode block, String param) {
        JsonNode text = block.get("text");
        if (text == null || !text.isTextual()) {
            throw JsonFields.wrongType(param + ".text", "a string");
        }
        return text.asText();
    }

    private static String requiredString(JsonNode block, String field, String param) {
        JsonNode value = block.get(field);
        if (value == null || value.isNull()) {
            throw InvalidRequestException.of(param + "." + field, "missing_required_parameter",
                    "Missing required parameter: '" + param + "." + field + "'.");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw JsonFields.wrongType(param + "." + field, "a non-empty string");
        }
        return value.asText();
    }

    private static InvalidRequestException unsupported(JsonNode block, String param, String where) {
        String type = block.path("type").asText();
        String shown = type.length() <= 40 ? type : type.substring(0, 40) + "…";
        return InvalidRequestException.of(param + ".type", "unsupported_value", "Content blocks of type '" + shown
                + "' are not supported in " + where + ": Sluice routes to any provider and forwards text, "
                + "tool_use and tool_result blocks.");
    }
}
