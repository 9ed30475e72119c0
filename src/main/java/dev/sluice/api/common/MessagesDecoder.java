package dev.sluice.api.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.provider.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes OpenAI-style {@code messages}: a non-empty array of {@code {role, content}} where
 * content is a string, null, or an array of parts of which the text parts are kept.
 */
public final class MessagesDecoder {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

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
            out.add(new ChatMessage(role.asText(), content));
        }
        return out;
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
