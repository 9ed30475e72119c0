package dev.sluice.api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.StreamSummary;

/** The non-streamed {@code chat.completion} object, built from a finished stream's summary. */
final class ChatCompletionJson {

    private ChatCompletionJson() {}

    static ObjectNode completion(ObjectMapper mapper, String id, StreamSummary summary) {
        return completion(mapper, id, summary, false);
    }

    /** @param legacyFunctions the request used {@code functions}: a call is answered as {@code function_call} */
    static ObjectNode completion(ObjectMapper mapper, String id, StreamSummary summary, boolean legacyFunctions) {
        ObjectNode root = mapper.createObjectNode();
        root.put("id", id);
        root.put("object", "chat.completion");
        root.put("created", summary.created());
        root.put("model", summary.model());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        boolean calls = !summary.toolCalls().isEmpty();
        if (calls && summary.text().isEmpty()) {
            message.putNull("content"); // as OpenAI answers a turn that only calls tools
        } else {
            message.put("content", summary.text());
        }
        message.putNull("refusal");
        if (calls && legacyFunctions) {
            StreamSummary.ToolCallSummary call = summary.toolCalls().get(0);
            message.putObject("function_call").put("name", call.name()).put("arguments", call.arguments());
        } else if (calls) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (StreamSummary.ToolCallSummary call : summary.toolCalls()) {
                ObjectNode entry = toolCalls.addObject();
                entry.put("id", call.id());
                entry.put("type", "function");
                entry.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        if (!summary.reasoning().isEmpty()) {
            message.put("reasoning_content", summary.reasoning());
        }
        choice.putNull("logprobs");
        String reason = ChatFinishReasons.of(summary.finishReason());
        choice.put("finish_reason", legacyFunctions && "tool_calls".equals(reason) ? "function_call" : reason);
        root.set("usage", usage(mapper, summary.usage()));
        root.putNull("system_fingerprint");
        return root;
    }

    static ObjectNode usage(ObjectMapper mapper, StreamEvent.Usage usage) {
        ObjectNode node = mapper.createObjectNode();
        node.put("prompt_tokens", usage == null ? 0 : usage.promptTokens());
        node.put("completion_tokens", usage == null ? 0 : usage.completionTokens());
        node.put("total_tokens", usage == null ? 0 : usage.totalTokens());
        return node;
    }
}
