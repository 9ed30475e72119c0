package dev.sluice.api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.stream.StreamSummary;

/** The legacy {@code text_completion} object, streamed and whole (one shape for both, as OpenAI's). */
final class CompletionJson {

    private CompletionJson() {}

    static ObjectNode head(ObjectMapper mapper, String id, long created, String model) {
        ObjectNode root = mapper.createObjectNode();
        root.put("id", id);
        root.put("object", "text_completion");
        root.put("created", created);
        root.put("model", model);
        return root;
    }

    static void choice(ArrayNode choices, String text, String finishReason) {
        ObjectNode choice = choices.addObject();
        choice.put("text", text);
        choice.put("index", 0);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
    }

    /** The non-streamed answer, built from a finished stream's summary. */
    static ObjectNode completion(ObjectMapper mapper, String id, StreamSummary summary) {
        ObjectNode root = head(mapper, id, summary.created(), summary.model());
        choice(root.putArray("choices"), summary.text(), ChatFinishReasons.of(summary.finishReason()));
        root.set("usage", ChatCompletionJson.usage(mapper, summary.usage()));
        return root;
    }
}
