package dev.sluice.api.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.MessagesDecoder;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.Tools;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code POST /v1/responses}: {@code model}, {@code input}, {@code instructions},
 * {@code max_output_tokens}, {@code temperature}, {@code tools}, {@code tool_choice},
 * {@code parallel_tool_calls}, {@code stream}, {@code background}, {@code store},
 * {@code previous_response_id}, Sluice's {@code masking} and provider options in {@code sluice};
 * {@code metadata}, {@code user}, {@code top_p}, {@code text}, {@code reasoning} and
 * {@code truncation} are accepted and repeated in the response object. What Sluice cannot honour
 * ({@code conversation}, {@code prompt} templates, a Sluice {@code session}) is a 400 naming it.
 */
final class ResponseRequestDecoder {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResponseRequestDecoder() {}

    /** @param sessionHeader the request's {@code X-Sluice-Session} header, or null */
    static ResponseRequest decode(JsonNode root, ApiLimits limits, String sessionHeader) {
        String model = JsonFields.requiredString(root, "model");
        refuse(root, "conversation", "Sluice has no Conversations API; continue with 'previous_response_id'.");
        refuse(root, "prompt", "Sluice has no prompt templates; send the text in 'input' and 'instructions'.");
        refuse(root, "session", "Every stored response is its own session; continue with 'previous_response_id'.");
        if (sessionHeader != null && !sessionHeader.isBlank()) {
            throw InvalidRequestException.of("session", "unsupported_parameter", "The X-Sluice-Session header "
                    + "does not apply here: every stored response is its own session; continue with "
                    + "'previous_response_id'.");
        }
        List<ChatMessage> input = ResponseInputDecoder.decode(root.get("input"), limits);
        String instructions = JsonFields.optionalString(root, "instructions");
        MessagesDecoder.requireLength(instructions, limits.maxMessageChars(), "instructions");
        Integer maxOutputTokens = JsonFields.optionalInt(root, "max_output_tokens", 1, limits.maxTokens());
        Double temperature = JsonFields.optionalNumber(root, "temperature", 0, 2);
        Double topP = JsonFields.optionalNumber(root, "top_p", 0, 1);
        boolean stream = JsonFields.optionalBoolean(root, "stream", false);
        boolean background = JsonFields.optionalBoolean(root, "background", false);
        boolean store = JsonFields.optionalBoolean(root, "store", true);
        if (background && !store) {
            throw InvalidRequestException.of("background", "invalid_value",
                    "A background response must be stored: leave 'store' true (the default) with 'background'.");
        }
        String previous = JsonFields.optionalString(root, "previous_response_id");
        Tools tools = ResponseToolsDecoder.decode(root);
        Map<String, Object> options = JsonFields.optionalOptions(root, "sluice");
        String masking = JsonFields.optionalString(root, "masking");
        String user = JsonFields.optionalString(root, "user");
        JsonNode metadata = optionalObject(root, "metadata");
        metadata.fields().forEachRemaining(field -> {
            if (!field.getValue().isTextual()) {
                throw JsonFields.wrongType("metadata." + field.getKey(), "a string");
            }
        });
        JsonNode text = optionalObject(root, "text");
        JsonNode reasoning = optionalObject(root, "reasoning");
        String truncation = JsonFields.optionalString(root, "truncation");

        String id = ResponseIds.newId();
        ObjectNode echo = JSON.objectNode();
        echo.put("background", background);
        echo.put("instructions", instructions);
        echo.put("max_output_tokens", maxOutputTokens);
        echo.put("model", model);
        echo.put("parallel_tool_calls", tools.parallel() == null || tools.parallel());
        echo.put("previous_response_id", previous);
        echo.set("reasoning", reasoning.isEmpty() ? JSON.objectNode().putNull("effort").putNull("summary")
                : reasoning);
        echo.put("store", store);
        echo.put("temperature", temperature);
        echo.set("text", text.isEmpty() ? JSON.objectNode().set("format", JSON.objectNode().put("type", "text"))
                : text);
        echo.set("tool_choice", ResponseToolsDecoder.echoChoice(tools.choice()));
        echo.set("tools", ResponseToolsDecoder.echo(tools, root.path("tools")));
        echo.put("top_p", topP);
        echo.put("truncation", truncation == null ? "disabled" : truncation);
        echo.put("user", user);
        echo.set("metadata", metadata);
        return new ResponseRequest(id, model, input, instructions, maxOutputTokens, temperature, background, store,
                stream, previous, tools, options, masking, echo);
    }

    private static void refuse(JsonNode root, String field, String why) {
        JsonNode value = root.get(field);
        if (value != null && !value.isNull()) {
            throw InvalidRequestException.of(field, "unsupported_parameter", "'" + field + "' is not supported: "
                    + why);
        }
    }

    private static JsonNode optionalObject(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return JSON.objectNode();
        }
        if (!value.isObject()) {
            throw JsonFields.wrongType(field, "an object");
        }
        return value.deepCopy();
    }
}
