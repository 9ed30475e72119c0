package dev.sluice.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.StartRequest;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;
import java.util.List;
import java.util.Map;

/**
 * An Anthropic Messages request, decoded: the {@link StartRequest} every ingress hands to the
 * shared path, and whether to stream. {@code model} and {@code max_tokens} are required, as
 * Anthropic requires them ({@code count_tokens} needs no {@code max_tokens}); {@code temperature}
 * is Anthropic's 0 … 1. Accepted and not forwarded, since no provider-neutral field carries them:
 * {@code top_p}, {@code top_k}, {@code thinking}, {@code metadata}, {@code service_tier} and
 * other fields Sluice does not know. {@code stop_sequences} is a 400 when it names any: Sluice
 * could not honour it on every provider, and a reply that ran past a stop sequence would be wrong
 * without saying so. Sluice's own fields are those of its other APIs: {@code session},
 * {@code masking}, {@code background} and provider options in a {@code sluice} object.
 */
record MessagesRequest(StartRequest start, boolean stream) {

    static MessagesRequest decode(JsonNode root, ApiLimits limits, boolean requireMaxTokens) {
        String model = JsonFields.requiredString(root, "model");
        List<ChatMessage> messages = ContentBlocks.decode(root, limits.maxMessages(), limits.maxMessageChars());
        Integer maxTokens = JsonFields.optionalInt(root, "max_tokens", 1, limits.maxTokens());
        if (maxTokens == null && requireMaxTokens) {
            throw InvalidRequestException.of("max_tokens", "missing_required_parameter",
                    "Missing required parameter: 'max_tokens'.");
        }
        Double temperature = JsonFields.optionalNumber(root, "temperature", 0, 1);
        JsonFields.optionalNumber(root, "top_p", 0, 1);
        JsonFields.optionalInt(root, "top_k", 0, Integer.MAX_VALUE);
        requireObject(root, "thinking");
        requireObject(root, "metadata");
        stopSequences(root.get("stop_sequences"));
        boolean stream = JsonFields.optionalBoolean(root, "stream", false);
        boolean background = JsonFields.optionalBoolean(root, "background", false);
        String session = JsonFields.optionalString(root, "session");
        String masking = JsonFields.optionalString(root, "masking");
        Map<String, Object> options = JsonFields.optionalOptions(root, "sluice");
        GenerationRequest generation = new GenerationRequest(model, messages, maxTokens, temperature, background,
                session, options, AnthropicTools.decode(root));
        return new MessagesRequest(new StartRequest(generation, masking), stream);
    }

    private static void requireObject(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node != null && !node.isNull() && !node.isObject()) {
            throw JsonFields.wrongType(name, "an object");
        }
    }

    private static void stopSequences(JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isArray()) {
            throw JsonFields.wrongType("stop_sequences", "an array of strings");
        }
        if (!node.isEmpty()) {
            throw InvalidRequestException.of("stop_sequences", "unsupported_value",
                    "'stop_sequences' is not supported: Sluice routes to any provider and cannot apply stop "
                            + "sequences on every one. Omit it, or cut the reply at the sequence in the client.");
        }
    }
}
