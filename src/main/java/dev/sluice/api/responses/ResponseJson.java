package dev.sluice.api.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.model.StreamEvent;

/**
 * The Responses API's objects, in OpenAI's field order: the {@code response} object (from a
 * {@link ResponseFold}), its output items (as added, and as they stand), content parts, usage.
 */
final class ResponseJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResponseJson() {}

    static ObjectNode response(ResponseFold fold) {
        ObjectNode echo = fold.echo();
        ObjectNode root = JSON.objectNode();
        root.put("id", fold.responseId());
        root.put("object", "response");
        root.put("created_at", fold.createdAt());
        root.put("status", fold.status());
        root.set("background", echo.get("background"));
        root.put("completed_at", fold.completedAt());
        root.set("error", fold.error() == null ? JSON.nullNode() : fold.error().deepCopy());
        root.set("incomplete_details", fold.incompleteReason() == null ? JSON.nullNode()
                : JSON.objectNode().put("reason", fold.incompleteReason()));
        root.set("instructions", echo.get("instructions"));
        root.set("max_output_tokens", echo.get("max_output_tokens"));
        root.putNull("max_tool_calls");
        root.put("model", fold.model());
        ArrayNode output = root.putArray("output");
        for (ResponseFold.Item item : fold.items()) {
            output.add(item(item));
        }
        root.set("parallel_tool_calls", echo.get("parallel_tool_calls"));
        root.set("previous_response_id", echo.get("previous_response_id"));
        root.set("reasoning", echo.get("reasoning").deepCopy());
        root.set("store", echo.get("store"));
        root.set("temperature", echo.get("temperature"));
        root.set("text", echo.get("text").deepCopy());
        root.set("tool_choice", echo.get("tool_choice").deepCopy());
        root.set("tools", echo.get("tools").deepCopy());
        root.set("top_p", echo.get("top_p"));
        root.set("truncation", echo.get("truncation"));
        root.set("usage", usage(fold.usage()));
        root.set("user", echo.get("user"));
        root.set("metadata", echo.get("metadata").deepCopy());
        return root;
    }

    /** An item as it stands (in {@code output_item.done} and the response's {@code output}). */
    static ObjectNode item(ResponseFold.Item item) {
        ObjectNode node = JSON.objectNode().put("id", item.id);
        String text = item.text.toString();
        switch (item.kind) {
            case MESSAGE -> {
                node.put("type", "message").put("status", item.status);
                node.putArray("content").add(textPart(text));
                node.put("role", "assistant");
            }
            case REASONING -> node.put("type", "reasoning").putArray("summary").add(summaryPart(text));
            case FUNCTION_CALL -> node.put("type", "function_call").put("status", item.status)
                    .put("arguments", text).put("call_id", item.callId).put("name", item.name);
        }
        return node;
    }

    /** An item as {@code output_item.added} announces it: no content yet. */
    static ObjectNode addedItem(ResponseFold.Item item) {
        ObjectNode node = JSON.objectNode().put("id", item.id);
        switch (item.kind) {
            case MESSAGE -> {
                node.put("type", "message").put("status", "in_progress");
                node.putArray("content");
                node.put("role", "assistant");
            }
            case REASONING -> node.put("type", "reasoning").putArray("summary");
            case FUNCTION_CALL -> node.put("type", "function_call").put("status", "in_progress")
                    .put("arguments", "").put("call_id", item.callId).put("name", item.name);
        }
        return node;
    }

    static ObjectNode textPart(String text) {
        ObjectNode part = JSON.objectNode().put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        return part.put("text", text);
    }

    static ObjectNode summaryPart(String text) {
        return JSON.objectNode().put("type", "summary_text").put("text", text);
    }

    static ObjectNode usage(StreamEvent.Usage usage) {
        if (usage == null) {
            return null;
        }
        ObjectNode node = JSON.objectNode();
        node.put("input_tokens", usage.promptTokens());
        node.putObject("input_tokens_details").put("cached_tokens", 0).put("cache_write_tokens", 0);
        node.put("output_tokens", usage.completionTokens());
        node.putObject("output_tokens_details").put("reasoning_tokens", 0);
        node.put("total_tokens", usage.totalTokens());
        return node;
    }

    /** {@code DELETE}'s answer. */
    static ObjectNode deleted(String id) {
        return JSON.objectNode().put("id", id).put("object", "response").put("deleted", true);
    }
}
