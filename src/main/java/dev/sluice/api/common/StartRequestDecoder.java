package dev.sluice.api.common;

import dev.sluice.api.http.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;
import java.util.List;
import java.util.Map;

/**
 * Decodes the fields every way of starting a generation shares (OpenAI-compatible body,
 * native {@code /v1/streams} body, WebSocket {@code start}).
 */
public final class StartRequestDecoder {

    private StartRequestDecoder() {}

    /**
     * @param optionsField the object carrying provider overrides ({@code sluice} or {@code simulator})
     * @param allowPrompt  whether a plain {@code prompt} string may stand in for {@code messages}
     */
    public static StartRequest decode(JsonNode root, ApiLimits limits, String optionsField, boolean allowPrompt) {
        String model = JsonFields.requiredString(root, "model");
        List<ChatMessage> messages;
        if (allowPrompt && root.hasNonNull("prompt") && !root.hasNonNull("messages")) {
            String prompt = JsonFields.optionalString(root, "prompt");
            MessagesDecoder.requireLength(prompt, limits.maxMessageChars(), "prompt");
            messages = List.of(ChatMessage.user(prompt));
        } else {
            messages = MessagesDecoder.decode(root, limits.maxMessages(), limits.maxMessageChars());
        }
        Integer maxTokens = JsonFields.optionalInt(root, "max_completion_tokens", 1, limits.maxTokens());
        if (maxTokens == null) {
            maxTokens = JsonFields.optionalInt(root, "max_tokens", 1, limits.maxTokens());
        }
        Double temperature = JsonFields.optionalNumber(root, "temperature", 0, 2);
        Integer n = JsonFields.optionalInt(root, "n", 1, 128);
        if (n != null && n != 1) {
            throw InvalidRequestException.of("n", "unsupported_value", "Only n=1 is supported.");
        }
        boolean background = JsonFields.optionalBoolean(root, "background", false);
        String session = JsonFields.optionalString(root, "session");
        Map<String, Object> options = JsonFields.optionalOptions(root, optionsField);
        String masking = JsonFields.optionalString(root, "masking");
        return new StartRequest(new GenerationRequest(model, messages, maxTokens, temperature, background, session,
                options, ToolsDecoder.decode(root)), masking);
    }
}
