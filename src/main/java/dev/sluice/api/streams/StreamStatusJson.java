package dev.sluice.api.streams;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.stream.StreamSummary;

/** The status document of {@code GET /v1/streams/{id}}: status plus the aggregated text. */
final class StreamStatusJson {

    private StreamStatusJson() {}

    static ObjectNode of(StreamSummary s) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("id", s.id());
        root.put("object", "stream");
        root.put("model", s.model());
        root.put("provider", s.provider());
        root.put("session", s.session());
        root.put("created", s.created());
        root.put("status", s.status().wire());
        root.put("text", s.text());
        root.put("reasoning", s.reasoning());
        if (!s.toolCalls().isEmpty()) { // the calls the model made, whole; absent when it made none
            var calls = root.putArray("tool_calls");
            for (StreamSummary.ToolCallSummary call : s.toolCalls()) {
                calls.addObject().put("index", call.index()).put("id", call.id()).put("name", call.name())
                        .put("arguments", call.arguments());
            }
        }
        root.put("finish_reason", s.finishReason() == null ? null : s.finishReason().wire());
        if (s.error() == null) {
            root.putNull("error");
        } else {
            root.putObject("error")
                    .put("code", s.error().code().wire())
                    .put("message", s.error().message())
                    .put("retryable", s.error().retryable());
        }
        if (s.usage() == null) {
            root.putNull("usage");
        } else {
            root.putObject("usage")
                    .put("prompt_tokens", s.usage().promptTokens())
                    .put("completion_tokens", s.usage().completionTokens())
                    .put("total_tokens", s.usage().totalTokens());
        }
        root.put("redactions", s.redactions());
        root.put("events", s.events());
        root.put("last_seq", s.lastSeq());
        return root;
    }

    static ObjectNode created(String id, String model, String status) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("id", id);
        root.put("object", "stream");
        root.put("model", model);
        root.put("status", status);
        root.put("events_url", "/v1/streams/" + id + "/events");
        return root;
    }
}
