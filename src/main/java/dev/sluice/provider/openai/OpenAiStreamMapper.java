package dev.sluice.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.provider.Delta;
import dev.sluice.provider.http.SseEvent;
import dev.sluice.provider.http.StreamMapper;
import dev.sluice.provider.http.UpstreamErrors;
import dev.sluice.provider.http.UpstreamJson;
import dev.sluice.stream.Channel;
import dev.sluice.stream.FinishReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@code chat.completion.chunk} events to deltas. Usage (the last chunk, with empty
 * {@code choices}) and the finish reason are held back until {@code [DONE]}, so the stream
 * ends usage-then-finish; a body that ends without {@code [DONE]} or without a finish reason
 * is an upstream failure, not a success.
 */
final class OpenAiStreamMapper implements StreamMapper<SseEvent> {

    private final String provider;
    private Delta.Usage usage;
    private FinishReason finish;
    private boolean done;
    /** Tool calls whose id and name were passed on already. */
    private final java.util.BitSet opened = new java.util.BitSet();

    OpenAiStreamMapper(String provider) {
        this.provider = provider;
    }

    @Override
    public List<Delta> map(SseEvent event) {
        if (done) {
            return List.of();
        }
        String data = event.data().trim();
        if (data.equals("[DONE]")) {
            done = true;
            return closing();
        }
        JsonNode chunk = UpstreamJson.parse(provider, data);
        if (chunk.hasNonNull("error")) {
            JsonNode error = chunk.get("error");
            throw UpstreamErrors.inStream(provider, error.path("type").asText(error.path("code").asText("")));
        }
        JsonNode u = chunk.get("usage");
        if (u != null && u.isObject()) {
            usage = new Delta.Usage(u.path("prompt_tokens").asInt(), u.path("completion_tokens").asInt());
        }
        List<Delta> out = new ArrayList<>();
        for (JsonNode choice : chunk.path("choices")) {
            int index = choice.path("index").asInt(0);
            JsonNode delta = choice.path("delta");
            text(out, Channel.REASONING, delta.get("reasoning_content"), index);
            text(out, Channel.REASONING, delta.get("reasoning"), index);
            text(out, Channel.CONTENT, delta.get("content"), index);
            text(out, Channel.CONTENT, delta.get("refusal"), index);
            int position = 0;
            for (JsonNode call : delta.path("tool_calls")) {
                toolCall(out, call, position++);
            }
            JsonNode legacy = delta.get("function_call");
            if (legacy != null && legacy.isObject()) {
                toolCall(out, legacy, 0);
            }
            JsonNode reason = choice.get("finish_reason");
            if (reason != null && reason.isTextual() && (finish == null || index == 0)) {
                finish = finishReason(reason.asText());
            }
        }
        return out;
    }

    @Override
    public List<Delta> end() {
        if (!done) {
            throw UpstreamErrors.truncated(provider, "[DONE]");
        }
        return List.of();
    }

    private List<Delta> closing() {
        if (finish == null) {
            throw UpstreamErrors.badResponse(provider, "the stream ended without a finish reason");
        }
        return usage == null ? List.of(new Delta.Finish(finish)) : List.of(usage, new Delta.Finish(finish));
    }

    /**
     * One {@code tool_calls} entry (or a legacy {@code function_call}): the call's first chunk
     * carries its id and name, later ones argument pieces under the same index. A server that
     * omits {@code index} (some OpenAI-compatible ones do) is taken by position.
     */
    private void toolCall(List<Delta> out, JsonNode call, int position) {
        int callIndex = call.path("index").asInt(position);
        JsonNode function = call.has("function") ? call.path("function") : call;
        String name = function.path("name").isTextual() && !function.path("name").asText().isEmpty()
                ? function.get("name").asText() : null;
        String id = call.path("id").isTextual() && !call.path("id").asText().isEmpty() ? call.get("id").asText() : null;
        JsonNode arguments = function.get("arguments");
        String text = arguments == null || arguments.isNull() ? "" : arguments.isTextual() ? arguments.asText()
                : arguments.toString();
        if (name != null && opened.get(callIndex)) {
            name = null; // a server that repeats the name: the call is open already
        } else if (name != null) {
            opened.set(callIndex);
            if (id == null) {
                id = "call_" + callIndex; // the legacy function_call has no id; a client needs one to answer it
            }
        }
        if (name == null && text.isEmpty()) {
            return;
        }
        out.add(new Delta.ToolCall(callIndex, name == null ? null : id, name, text));
    }

    private static void text(List<Delta> out, Channel channel, JsonNode node, int index) {
        if (node != null && node.isTextual() && !node.asText().isEmpty()) {
            out.add(new Delta.Text(channel, node.asText(), index));
        }
    }

    static FinishReason finishReason(String reason) {
        return switch (reason) {
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP; // "stop", "eos" and server-specific variants
        };
    }
}
