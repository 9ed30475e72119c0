package dev.sluice.api.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.http.ApiError;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.MessagesDecoder;
import dev.sluice.provider.ChatMessage;
import dev.sluice.session.SessionSpec;
import java.util.List;

/**
 * Decodes the optional body of {@code POST /v1/sessions}: {@code id}, {@code masking},
 * {@code retention}, {@code ttl_seconds}, {@code context_budget}, {@code system} and
 * {@code history} (messages in OpenAI's shape).
 */
final class SessionSpecDecoder {

    private SessionSpecDecoder() {}

    static SessionSpec decode(String body, ApiLimits limits) {
        if (body == null || body.isBlank()) {
            return new SessionSpec(null, null, null, null, null, null, List.of());
        }
        JsonNode root = JsonFields.parseObject(body);
        String id = JsonFields.optionalString(root, "id");
        String masking = JsonFields.optionalString(root, "masking");
        String retention = JsonFields.optionalString(root, "retention");
        Integer ttl = JsonFields.optionalInt(root, "ttl_seconds", 1, Integer.MAX_VALUE);
        Integer budget = JsonFields.optionalInt(root, "context_budget", 0, 100_000_000);
        String system = JsonFields.optionalString(root, "system");
        MessagesDecoder.requireLength(system, limits.maxMessageChars(), "system");
        List<ChatMessage> history = List.of();
        JsonNode historyNode = root.get("history");
        if (historyNode != null && !historyNode.isNull()) {
            if (historyNode.isArray() && historyNode.isEmpty()) {
                history = List.of();
            } else {
                try {
                    history = MessagesDecoder.decode(wrap(historyNode), limits.maxMessages(), limits.maxMessageChars());
                } catch (InvalidRequestException e) {
                    ApiError error = e.error();
                    throw new InvalidRequestException(new ApiError(error.status(), error.type(), error.code(),
                            error.param() == null ? null : error.param().replaceFirst("^messages", "history"),
                            error.message().replace("'messages", "'history")));
                }
            }
        }
        if (id != null && id.isEmpty()) {
            throw InvalidRequestException.of("id", "invalid_value", "'id' must not be empty; omit it for a generated id.");
        }
        return new SessionSpec(id, masking, retention, ttl == null ? null : ttl.longValue(), budget, system, history);
    }

    /** MessagesDecoder reads {@code messages}; errors then name {@code history[i]}. */
    private static JsonNode wrap(JsonNode history) {
        com.fasterxml.jackson.databind.node.ObjectNode wrapper =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        wrapper.set("messages", history);
        return wrapper;
    }
}
