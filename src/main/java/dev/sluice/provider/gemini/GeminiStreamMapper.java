package dev.sluice.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.model.Delta;
import dev.sluice.provider.http.SseEvent;
import dev.sluice.provider.http.StreamMapper;
import dev.sluice.provider.http.UpstreamErrors;
import dev.sluice.provider.http.UpstreamJson;
import dev.sluice.model.Channel;
import dev.sluice.model.FinishReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps streamed {@code GenerateContentResponse}s. Gemini has no end marker: the stream is
 * complete when a candidate carried a {@code finishReason} (or the prompt was blocked), and
 * the last {@code usageMetadata} seen is the total.
 */
final class GeminiStreamMapper implements StreamMapper<SseEvent> {

    private final String provider;
    private Delta.Usage usage;
    private FinishReason finish;
    /** Function calls seen so far. */
    private int calls;

    GeminiStreamMapper(String provider) {
        this.provider = provider;
    }

    @Override
    public List<Delta> map(SseEvent event) {
        JsonNode chunk = UpstreamJson.parse(provider, event.data());
        if (chunk.hasNonNull("error")) {
            throw UpstreamErrors.inStream(provider, chunk.get("error").path("status").asText(""));
        }
        JsonNode meta = chunk.get("usageMetadata");
        if (meta != null && meta.isObject()) {
            usage = new Delta.Usage(meta.path("promptTokenCount").asInt(),
                    meta.path("candidatesTokenCount").asInt() + meta.path("thoughtsTokenCount").asInt());
        }
        if (chunk.path("promptFeedback").hasNonNull("blockReason")) {
            finish = FinishReason.CONTENT_FILTER;
        }
        List<Delta> out = new ArrayList<>();
        for (JsonNode candidate : chunk.path("candidates")) {
            int index = candidate.path("index").asInt(0);
            for (JsonNode part : candidate.path("content").path("parts")) {
                JsonNode text = part.get("text");
                if (text != null && text.isTextual() && !text.asText().isEmpty()) {
                    Channel channel = part.path("thought").asBoolean(false) ? Channel.REASONING : Channel.CONTENT;
                    out.add(new Delta.Text(channel, text.asText(), index));
                }
                JsonNode call = part.get("functionCall");
                if (call != null && call.isObject()) {
                    out.add(functionCall(call));
                }
            }
            JsonNode reason = candidate.get("finishReason");
            if (reason != null && reason.isTextual() && (finish == null || index == 0)) {
                finish = finishReason(reason.asText());
            }
        }
        return out;
    }

    /**
     * Gemini sends each call whole: one fragment with id, name and all the arguments. The Gemini API
     * gives no call id (Vertex's may), so the call's position in the stream makes one, {@code call_<n>}.
     */
    private Delta.ToolCall functionCall(JsonNode call) {
        int position = calls++;
        JsonNode id = call.get("id");
        JsonNode args = call.get("args");
        return new Delta.ToolCall(position, id != null && id.isTextual() && !id.asText().isEmpty() ? id.asText()
                : "call_" + position, call.path("name").asText(),
                args != null && args.isObject() ? UpstreamJson.text(args) : "{}");
    }

    @Override
    public List<Delta> end() {
        if (finish == null) {
            throw UpstreamErrors.truncated(provider, "a finishReason");
        }
        FinishReason reason = finish == FinishReason.STOP && calls > 0 ? FinishReason.TOOL_CALLS : finish;
        return usage == null ? List.of(new Delta.Finish(reason)) : List.of(usage, new Delta.Finish(reason));
    }

    static FinishReason finishReason(String reason) {
        return switch (reason) {
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE" ->
                    FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP; // STOP, OTHER, FINISH_REASON_UNSPECIFIED, MALFORMED_FUNCTION_CALL
        };
    }
}
