package dev.sluice.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.MessagesDecoder;
import dev.sluice.provider.EmbeddingRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@code POST /v1/embeddings}: {@code model}, {@code input} (a string or a non-empty array
 * of strings, none empty; token-id inputs are refused since not every upstream takes them),
 * {@code dimensions} and {@code encoding_format} ({@code float} or {@code base64}); {@code user}
 * is accepted and not sent on.
 */
final class EmbeddingsRequestDecoder {

    /** Far above any model's vectors; keeps a request from asking the simulator for gigabytes. */
    static final int MAX_DIMENSIONS = 65536;

    /** A decoded request and whether the client wants base64 vectors. */
    record Decoded(EmbeddingRequest request, boolean base64) {}

    private EmbeddingsRequestDecoder() {}

    static Decoded decode(JsonNode root, ApiLimits limits) {
        String model = JsonFields.requiredString(root, "model");
        List<String> input = input(root.get("input"), limits);
        Integer dimensions = JsonFields.optionalInt(root, "dimensions", 1, MAX_DIMENSIONS);
        String format = JsonFields.optionalString(root, "encoding_format");
        if (format != null && !format.equals("float") && !format.equals("base64")) {
            throw InvalidRequestException.of("encoding_format", "invalid_value",
                    "'encoding_format' must be \"float\" or \"base64\".");
        }
        JsonFields.optionalString(root, "user");
        return new Decoded(new EmbeddingRequest(model, input, dimensions), "base64".equals(format));
    }

    private static List<String> input(JsonNode input, ApiLimits limits) {
        if (input == null || input.isNull()) {
            throw InvalidRequestException.of("input", "missing_required_parameter",
                    "Missing required parameter: 'input'.");
        }
        if (input.isTextual()) {
            return List.of(text(input.asText(), "input", limits));
        }
        if (!input.isArray()) {
            throw JsonFields.wrongType("input", "a string or an array of strings");
        }
        if (input.isEmpty()) {
            throw InvalidRequestException.of("input", "invalid_value", "'input' must not be empty.");
        }
        if (input.size() > limits.maxEmbeddingInputs()) {
            throw InvalidRequestException.of("input", "too_many_inputs", "'input' has " + input.size()
                    + " entries; at most " + limits.maxEmbeddingInputs() + " are allowed.");
        }
        List<String> texts = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.isNumber() || item.isArray()) {
                throw InvalidRequestException.of("input", "unsupported_parameter",
                        "Inputs as token ids are not supported; send the texts as strings.");
            }
            if (!item.isTextual()) {
                throw JsonFields.wrongType("input[" + i + "]", "a string");
            }
            texts.add(text(item.asText(), "input[" + i + "]", limits));
        }
        return texts;
    }

    private static String text(String text, String param, ApiLimits limits) {
        if (text.isEmpty()) {
            throw InvalidRequestException.of(param, "invalid_value", "'" + param + "' must not be an empty string.");
        }
        MessagesDecoder.requireLength(text, limits.maxMessageChars(), param);
        return text;
    }
}
