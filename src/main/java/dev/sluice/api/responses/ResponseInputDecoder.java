package dev.sluice.api.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.MessagesDecoder;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes a Responses {@code input}: a string (one user turn) or a list of items. Messages
 * ({@code {role, content}} with {@code input_text} / {@code output_text} parts, {@code type}
 * optional) become turns; {@code function_call} items become the tool calls of an assistant turn
 * (joined to the assistant message right before them, as chat messages carry calls), and
 * {@code function_call_output} items become tool turns. {@code reasoning} items, which a client
 * passes back with a previous output, are skipped: they cannot be sent to every upstream.
 */
final class ResponseInputDecoder {

    private static final Set<String> ROLES = Set.of("user", "assistant", "system", "developer");

    private ResponseInputDecoder() {}

    static List<ChatMessage> decode(JsonNode input, ApiLimits limits) {
        if (input == null || input.isNull()) {
            throw InvalidRequestException.of("input", "missing_required_parameter",
                    "Missing required parameter: 'input'.");
        }
        if (input.isTextual()) {
            MessagesDecoder.requireLength(input.asText(), limits.maxMessageChars(), "input");
            return List.of(ChatMessage.user(input.asText()));
        }
        if (!input.isArray()) {
            throw JsonFields.wrongType("input", "a string or an array of input items");
        }
        if (input.isEmpty()) {
            throw InvalidRequestException.of("input", "invalid_value", "'input' must not be empty.");
        }
        if (input.size() > limits.maxMessages()) {
            throw InvalidRequestException.of("input", "too_many_messages",
                    "'input' has " + input.size() + " items; at most " + limits.maxMessages() + " are allowed.");
        }
        List<ChatMessage> out = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            item(input.get(i), "input[" + i + "]", limits.maxMessageChars(), out);
        }
        if (out.isEmpty()) {
            throw InvalidRequestException.of("input", "invalid_value",
                    "'input' must contain at least one message, function_call or function_call_output item.");
        }
        return out;
    }

    private static void item(JsonNode item, String param, int maxChars, List<ChatMessage> out) {
        if (!item.isObject()) {
            throw JsonFields.wrongType(param, "an input item object");
        }
        String type = JsonFields.optionalString(item, "type");
        if (type == null && item.has("role")) {
            type = "message";
        }
        if (type == null) {
            throw InvalidRequestException.of(param + ".type", "missing_required_parameter",
                    "Missing required parameter: '" + param + ".type'.");
        }
        switch (type) {
            case "message" -> out.add(message(item, param, maxChars));
            case "function_call" -> addCall(out, call(item, param, maxChars));
            case "function_call_output" -> out.add(output(item, param, maxChars, out));
            case "reasoning" -> { }
            default -> throw InvalidRequestException.of(param + ".type", "unsupported_value", "'" + param
                    + ".type' '" + abbreviate(type) + "' is not supported: Sluice takes message, function_call and "
                    + "function_call_output items.");
        }
    }

    private static ChatMessage message(JsonNode item, String param, int maxChars) {
        JsonNode role = item.get("role");
        if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
            throw InvalidRequestException.of(param + ".role", "invalid_value",
                    "'" + param + ".role' must be one of " + ROLES + ".");
        }
        String content = content(item.get("content"), param + ".content");
        MessagesDecoder.requireLength(content, maxChars, param + ".content");
        return new ChatMessage(role.asText(), content);
    }

    /** Text of a message: a string, or its text parts ({@code input_text}, {@code output_text}, {@code refusal}). */
    private static String content(JsonNode content, String param) {
        if (content == null || content.isNull()) {
            throw InvalidRequestException.of(param, "missing_required_parameter",
                    "Missing required parameter: '" + param + "'.");
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw JsonFields.wrongType(param, "a string or an array of content parts");
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String partParam = param + "[" + j + "]";
            if (!part.isObject() || !part.path("type").isTextual()) {
                throw JsonFields.wrongType(partParam, "a content part {type, text}");
            }
            String type = part.get("type").asText();
            String field = switch (type) {
                case "input_text", "output_text" -> "text";
                case "refusal" -> "refusal";
                default -> throw InvalidRequestException.of(partParam + ".type", "unsupported_value", "'"
                        + partParam + ".type' '" + abbreviate(type) + "' is not supported: Sluice forwards text "
                        + "(input_text, output_text) only.");
            };
            if (!part.path(field).isTextual()) {
                throw JsonFields.wrongType(partParam + "." + field, "a string");
            }
            text.append(part.get(field).asText());
        }
        return text.toString();
    }

    private static ToolCall call(JsonNode item, String param, int maxChars) {
        String callId = requiredText(item, "call_id", param);
        String name = requiredText(item, "name", param);
        JsonNode arguments = item.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isTextual()) {
            throw JsonFields.wrongType(param + ".arguments", "a string of JSON");
        }
        String text = arguments == null || arguments.isNull() ? "{}" : arguments.asText();
        MessagesDecoder.requireLength(text, maxChars, param + ".arguments");
        return new ToolCall(callId, name, text);
    }

    /** A call joins the assistant turn right before it (text and calls are one chat turn), else opens one. */
    private static void addCall(List<ChatMessage> out, ToolCall call) {
        int last = out.size() - 1;
        if (last >= 0 && "assistant".equals(out.get(last).role())) {
            ChatMessage turn = out.get(last);
            List<ToolCall> calls = new ArrayList<>(turn.toolCalls());
            calls.add(call);
            out.set(last, ChatMessage.assistantCalls(turn.content(), calls));
        } else {
            out.add(ChatMessage.assistantCalls("", List.of(call)));
        }
    }

    private static ChatMessage output(JsonNode item, String param, int maxChars, List<ChatMessage> earlier) {
        String callId = requiredText(item, "call_id", param);
        JsonNode output = item.get("output");
        String text;
        if (output != null && output.isTextual()) {
            text = output.asText();
        } else if (output != null && output.isArray()) {
            text = content(output, param + ".output");
        } else {
            throw JsonFields.wrongType(param + ".output", "a string or an array of input_text parts");
        }
        MessagesDecoder.requireLength(text, maxChars, param + ".output");
        return ChatMessage.toolResult(callId, nameOf(callId, earlier), text);
    }

    /**
     * The input with the function named on each tool turn that answers a call of the conversation it
     * continues (the call was in a previous response, so the input alone could not name it).
     */
    static List<ChatMessage> named(List<ChatMessage> input, List<ChatMessage> history) {
        if (history.isEmpty() || input.stream().noneMatch(m -> "tool".equals(m.role()) && m.name() == null)) {
            return input;
        }
        List<ChatMessage> out = new ArrayList<>(input.size());
        for (ChatMessage m : input) {
            String name = "tool".equals(m.role()) && m.name() == null && m.toolCallId() != null
                    ? nameOf(m.toolCallId(), history) : null;
            out.add(name == null ? m : ChatMessage.toolResult(m.toolCallId(), name, m.content()));
        }
        return out;
    }

    /** The function a result answers, from the call in the same input (Gemini needs the name), else null. */
    private static String nameOf(String callId, List<ChatMessage> earlier) {
        for (int i = earlier.size() - 1; i >= 0; i--) {
            for (ToolCall call : earlier.get(i).toolCalls()) {
                if (callId.equals(call.id())) {
                    return call.name();
                }
            }
        }
        return null;
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

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
