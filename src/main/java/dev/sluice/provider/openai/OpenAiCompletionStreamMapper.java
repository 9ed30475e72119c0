package dev.sluice.provider.openai;

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
 * Maps a legacy {@code /completions} stream ({@code text_completion} chunks, {@code choices[].text})
 * to deltas. As for chat chunks, usage and the finish reason are held back until {@code [DONE]},
 * and a stream that ends without {@code [DONE]} or a finish reason is an upstream failure.
 */
final class OpenAiCompletionStreamMapper implements StreamMapper<SseEvent> {

    private final String provider;
    private Delta.Usage usage;
    private FinishReason finish;
    private boolean done;

    OpenAiCompletionStreamMapper(String provider) {
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
            if (finish == null) {
                throw UpstreamErrors.badResponse(provider, "the stream ended without a finish reason");
            }
            return usage == null ? List.of(new Delta.Finish(finish)) : List.of(usage, new Delta.Finish(finish));
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
            JsonNode text = choice.get("text");
            if (text != null && text.isTextual() && !text.asText().isEmpty()) {
                out.add(new Delta.Text(Channel.CONTENT, text.asText(), index));
            }
            JsonNode reason = choice.get("finish_reason");
            if (reason != null && reason.isTextual() && (finish == null || index == 0)) {
                finish = OpenAiStreamMapper.finishReason(reason.asText());
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
}
