package dev.sluice.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.model.Delta;
import dev.sluice.provider.http.StreamMapper;
import dev.sluice.provider.http.UpstreamErrors;
import dev.sluice.provider.http.UpstreamJson;
import dev.sluice.model.Channel;
import dev.sluice.model.FinishReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@code /api/generate} lines: {@code response} (text) and {@code thinking}; the
 * {@code done: true} line carries {@code done_reason}, {@code prompt_eval_count} and
 * {@code eval_count}; an {@code error} line fails the stream, and so does a body without a done line.
 */
final class OllamaGenerateStreamMapper implements StreamMapper<String> {

    private final String provider;
    private boolean done;

    OllamaGenerateStreamMapper(String provider) {
        this.provider = provider;
    }

    @Override
    public List<Delta> map(String line) {
        if (done) {
            return List.of();
        }
        JsonNode chunk = UpstreamJson.parse(provider, line);
        if (chunk.hasNonNull("error")) {
            throw UpstreamErrors.inStream(provider, "error");
        }
        List<Delta> out = new ArrayList<>();
        text(out, Channel.REASONING, chunk.get("thinking"));
        text(out, Channel.CONTENT, chunk.get("response"));
        if (chunk.path("done").asBoolean(false)) {
            done = true;
            out.add(new Delta.Usage(chunk.path("prompt_eval_count").asInt(), chunk.path("eval_count").asInt()));
            out.add(new Delta.Finish("length".equals(chunk.path("done_reason").asText("stop"))
                    ? FinishReason.LENGTH : FinishReason.STOP));
        }
        return out;
    }

    @Override
    public List<Delta> end() {
        if (!done) {
            throw UpstreamErrors.truncated(provider, "a \"done\": true line");
        }
        return List.of();
    }

    private static void text(List<Delta> out, Channel channel, JsonNode node) {
        if (node != null && node.isTextual() && !node.asText().isEmpty()) {
            out.add(new Delta.Text(channel, node.asText(), 0));
        }
    }
}
