package dev.sluice.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.MessagesDecoder;
import dev.sluice.api.common.StartRequest;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.Tools;
import java.util.List;
import java.util.Map;

/**
 * Decodes a legacy {@code POST /v1/completions} body into a raw-prompt generation (the prompt as
 * the one user message, {@link GenerationRequest#rawPrompt()} set). What Sluice cannot honour is
 * refused with a 400 naming the parameter rather than ignored, since ignoring it would change the
 * output: several prompts, token-id prompts, {@code n} or {@code best_of} above 1, {@code echo},
 * {@code suffix}, {@code logprobs}, {@code stop} and {@code session}. Their "off" values
 * ({@code null}, {@code false}, {@code 1}, {@code ""}, {@code []}) are accepted, as SDKs send them.
 */
final class CompletionRequestDecoder {

    /** OpenAI's (and vLLM's) default {@code max_tokens} for completions. */
    static final int DEFAULT_MAX_TOKENS = 16;

    private CompletionRequestDecoder() {}

    /** @param keyMaxTokens the caller's key's {@code max_tokens} ceiling, 0 for none: the default stays under it */
    static StartRequest decode(JsonNode root, ApiLimits limits, int keyMaxTokens) {
        String model = JsonFields.requiredString(root, "model");
        String prompt = prompt(root.get("prompt"));
        MessagesDecoder.requireLength(prompt, limits.maxMessageChars(), "prompt");
        Integer maxTokens = JsonFields.optionalInt(root, "max_tokens", 1, limits.maxTokens());
        if (maxTokens == null) {
            maxTokens = keyMaxTokens > 0 ? Math.min(DEFAULT_MAX_TOKENS, keyMaxTokens) : DEFAULT_MAX_TOKENS;
        }
        Double temperature = JsonFields.optionalNumber(root, "temperature", 0, 2);
        requireAtMostOne(root, "n");
        requireAtMostOne(root, "best_of");
        if (JsonFields.optionalBoolean(root, "echo", false)) {
            throw unsupported("echo", "'echo' is not supported; prepend the prompt to the text yourself.");
        }
        String suffix = JsonFields.optionalString(root, "suffix");
        if (suffix != null && !suffix.isEmpty()) {
            throw unsupported("suffix", "'suffix' (insertion) is not supported.");
        }
        if (root.hasNonNull("logprobs")) {
            throw unsupported("logprobs", "'logprobs' is not supported; send null or leave it out.");
        }
        JsonNode stop = root.get("stop");
        if (stop != null && !stop.isNull() && !(stop.isArray() && stop.isEmpty())) {
            throw unsupported("stop", "'stop' sequences are not supported yet; leave 'stop' out.");
        }
        if (root.hasNonNull("session")) {
            throw unsupported("session", "A legacy completion continues one prompt and runs in no session; "
                    + "use /v1/chat/completions for a conversation in a session.");
        }
        boolean background = JsonFields.optionalBoolean(root, "background", false);
        Map<String, Object> options = JsonFields.optionalOptions(root, "sluice");
        String masking = JsonFields.optionalString(root, "masking");
        return new StartRequest(new GenerationRequest(model, List.of(ChatMessage.user(prompt)), maxTokens,
                temperature, background, null, options, Tools.NONE, true), masking);
    }

    /** A string, or an array of exactly one string; token ids cannot be sent to every upstream. */
    private static String prompt(JsonNode prompt) {
        if (prompt == null || prompt.isNull()) {
            throw InvalidRequestException.of("prompt", "missing_required_parameter",
                    "Missing required parameter: 'prompt'.");
        }
        if (prompt.isTextual()) {
            return prompt.asText();
        }
        if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
            return prompt.get(0).asText();
        }
        if (prompt.isArray() && !prompt.isEmpty() && (prompt.get(0).isNumber() || prompt.get(0).isArray())) {
            throw unsupported("prompt", "Prompts as token ids are not supported; send the prompt as a string.");
        }
        if (prompt.isArray() && prompt.size() > 1) {
            throw unsupported("prompt", "'prompt' has " + prompt.size()
                    + " prompts; send one per request (a string, or an array of one string).");
        }
        throw JsonFields.wrongType("prompt", "a string or an array of one string");
    }

    private static void requireAtMostOne(JsonNode root, String field) {
        Integer value = JsonFields.optionalInt(root, field, 1, 128);
        if (value != null && value != 1) {
            throw unsupported(field, "Only " + field + "=1 is supported.");
        }
    }

    private static InvalidRequestException unsupported(String param, String message) {
        return InvalidRequestException.of(param, "unsupported_parameter", message);
    }
}
