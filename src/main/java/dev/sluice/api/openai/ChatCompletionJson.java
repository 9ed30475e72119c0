package dev.sluice.api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.stream.StreamEvent;
import dev.sluice.stream.StreamSummary;

/** The non-streamed {@code chat.completion} object, built from a finished stream's summary. */
final class ChatCompletionJson {

    private ChatCompletionJson() {}

    static ObjectNode completion(ObjectMapper mapper, String id, StreamSummary summary) {
        ObjectNode root = mapper.createObjectNode();
        root.put("id", id);
        root.put("object", "chat.completion");
        root.put("created", summary.created());
        root.put("model", summary.model());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", summary.text());
        message.putNull("refusal");
        if (!summary.reasoning().isEmpty()) {
            message.put("reasoning_content", summary.reasoning());
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", ChatFinishReasons.of(summary.finishReason()));
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
