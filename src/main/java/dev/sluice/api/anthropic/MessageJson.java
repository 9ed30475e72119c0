package dev.sluice.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.stream.StreamSummary;

/**
 * Anthropic's {@code message} object: the skeleton {@code message_start} carries, and the whole
 * non-streamed message built from a finished stream's summary, with its content blocks in the order
 * a model produces them (thinking, text, tool calls).
 */
final class MessageJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MessageJson() {}

    /** {@code msg_} + the stream id's hex digits, so a message and its Sluice stream are one id. */
    static String id(String streamId) {
        return "msg_" + streamId.substring(4);
    }

    static ObjectNode skeleton(String id, String model, int inputTokens) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 0);
        return message;
    }

    /** @param inputTokens Sluice's estimate, reported when the provider reported no usage */
    static ObjectNode message(String id, StreamSummary summary, int inputTokens) {
        ObjectNode message = skeleton(id, summary.model(), inputTokens);
        ArrayNode content = (ArrayNode) message.get("content");
        if (!summary.reasoning().isEmpty()) {
            content.addObject().put("type", "thinking").put("thinking", summary.reasoning()).put("signature", "");
        }
        if (!summary.text().isEmpty()) {
            content.addObject().put("type", "text").put("text", summary.text());
        }
        for (StreamSummary.ToolCallSummary call : summary.toolCalls()) {
            ObjectNode block = content.addObject();
            block.put("type", "tool_use").put("id", StopReasons.toolUseId(call.id(), id, call.index()))
                    .put("name", call.name() == null ? "" : call.name());
            block.set("input", input(call.arguments()));
        }
        message.put("stop_reason", StopReasons.of(summary.finishReason()));
        if (summary.usage() != null) {
            ((ObjectNode) message.get("usage")).put("input_tokens", summary.usage().promptTokens())
                    .put("output_tokens", summary.usage().completionTokens());
        }
        return message;
    }

    /**
     * A call's arguments as the object Anthropic's {@code input} is: empty arguments are {@code {}};
     * arguments that are not a JSON object (cut off by {@code max_tokens}, say) are kept as their
     * text rather than lost.
     */
    static JsonNode input(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode parsed = MAPPER.readTree(arguments);
            return parsed != null && parsed.isObject() ? parsed : JsonNodeFactory.instance.textNode(arguments);
        } catch (Exception e) {
            return JsonNodeFactory.instance.textNode(arguments);
        }
    }
}
