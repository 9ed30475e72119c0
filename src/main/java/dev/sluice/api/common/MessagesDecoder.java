package dev.sluice.api.common;

import dev.sluice.api.http.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes OpenAI-style {@code messages}: a non-empty array of {@code {role, content}} where
 * content is a string, null, or an array of parts of which the text parts are kept; an
 * {@code assistant} turn may carry {@code tool_calls} (or the legacy {@code function_call}), a
 * {@code tool} turn names the call it answers ({@code tool_call_id}), and a legacy
 * {@code function} turn becomes the tool result of the latest call of that function.
 */
public final class MessagesDecoder {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    private MessagesDecoder() {}

    public static List<ChatMessage> decode(JsonNode root, int maxMessages) {
        return decode(root, maxMessages, Integer.MAX_VALUE);
    }

    public static List<ChatMessage> decode(JsonNode root, int maxMessages, int maxChars) {
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
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String param = "messages[" + i + "]";
            if (!message.isObject()) {
                throw JsonFields.wrongType(param, "an object with 'role' and 'content'");
            }
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
                throw InvalidRequestException.of(param + ".role", "invalid_value",
                        "'" + param + ".role' must be one of " + ROLES + ".");
            }
            String content = content(message.get("content"), param + ".content");
            requireLength(content, maxChars, param + ".content");
            out.add(switch (role.asText()) {
                case "assistant" -> assistant(message, param, content, i, maxChars);
                case "tool" -> new ChatMessage("tool", content, List.of(),
                        requiredText(message, "tool_call_id", param), optionalText(message, "name", param));
                case "function" -> functionResult(out, requiredText(message, "name", param), content);
                default -> new ChatMessage(role.asText(), content);
            });
        }
        return out;
    }

    private static ChatMessage assistant(JsonNode message, String param, String content, int position, int maxChars) {
        List<ToolCall> calls = new ArrayList<>();
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls != null && !toolCalls.isNull()) {
            if (!toolCalls.isArray()) {
                throw JsonFields.wrongType(param + ".tool_calls", "an array of tool calls");
            }
            for (int c = 0; c < toolCalls.size(); c++) {
                String callParam = param + ".tool_calls[" + c + "]";
                JsonNode call = toolCalls.get(c);
                if (!call.isObject() || !call.path("function").isObject()) {
                    throw JsonFields.wrongType(callParam, "{id, type: \"function\", function: {name, arguments}}");
                }
                calls.add(call(call.get("function"), requiredText(call, "id", callParam), callParam, maxChars));
            }
        }
        JsonNode legacy = message.get("function_call");
        if (legacy != null && !legacy.isNull()) {
            if (!legacy.isObject()) {
                throw JsonFields.wrongType(param + ".function_call", "{name, arguments}");
            }
            // The legacy API has no call ids; the function result that follows finds the call by name.
            calls.add(call(legacy, "call_" + position, param + ".function_call", maxChars));
        }
        return calls.isEmpty() ? new ChatMessage("assistant", content) : ChatMessage.assistantCalls(content, calls);
    }

    private static ToolCall call(JsonNode function, String id, String param, int maxChars) {
        String name = requiredText(function, "name", param + ".function");
        JsonNode arguments = function.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isTextual()) {
            throw JsonFields.wrongType(param + ".function.arguments", "a string of JSON");
        }
        String text = arguments == null || arguments.isNull() ? "{}" : arguments.asText();
        requireLength(text, maxChars, param + ".function.arguments");
        return new ToolCall(id, name, text);
    }

    /** A legacy {@code function} turn answers the latest call of that function. */
    private static ChatMessage functionResult(List<ChatMessage> earlier, String name, String content) {
        for (int i = earlier.size() - 1; i >= 0; i--) {
            for (ToolCall call : earlier.get(i).toolCalls()) {
                if (call.name().equals(name)) {
                    return ChatMessage.toolResult(call.id(), name, content);
                }
            }
        }
        return ChatMessage.toolResult(null, name, content);
    }

    private static String requiredText(JsonNode node, String field, String param) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw InvalidRequestException.of(param + "." + field, "missing_required_parameter",
                    "Missing required parameter: '" + param + "." + field + "'.");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw JsonFields.wrongType(param + "." + field, "a non-empty string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field, String param) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw JsonFields.wrongType(param + "." + field, "a string");
        }
        return value.asText();
    }

    /** Past the limit a message would cost upstream money and journal memory for nothing useful. */
    public static void requireLength(String text, int maxChars, String param) {
        if (text != null && text.length() > maxChars) {
            throw InvalidRequestException.of(param, "string_above_max_length",
                    "'" + param + "' has " + text.length() + " characters; at most " + maxChars + " are allowed.");
        }
    }

    private static String content(JsonNode content, String param) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!part.isObject() || !part.path("type").isTextual()) {
                    throw JsonFields.wrongType(param, "a string or an array of {type, text} parts");
                }
                if ("text".equals(part.path("type").asText())) {
                    if (!part.path("text").isTextual()) {
                        throw JsonFields.wrongType(param + ".text", "a string");
                    }
                    text.append(part.path("text").asText());
                }
            }
            return text.toString();
        }
        throw JsonFields.wrongType(param, "a string or an array of content parts");
    }
}
