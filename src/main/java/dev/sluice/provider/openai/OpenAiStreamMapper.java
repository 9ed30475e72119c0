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
            for (JsonNode call : delta.path("tool_calls")) {
                text(out, Channel.TOOL_CALL, call.path("function").get("arguments"), index);
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
