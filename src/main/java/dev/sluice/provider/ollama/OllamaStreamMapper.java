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
 * Maps {@code /api/chat} lines: {@code message.content}, {@code message.thinking}, {@code
 * message.tool_calls}; the {@code done: true} line carries {@code done_reason}, {@code
 * prompt_eval_count} and {@code eval_count}; an {@code error} line fails the stream.
 */
final class OllamaStreamMapper implements StreamMapper<String> {

    private final String provider;
    private boolean done;
    /** Tool calls seen so far: Ollama says done_reason "stop" after calling tools. */
    private int calls;

    OllamaStreamMapper(String provider) {
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
        JsonNode message = chunk.path("message");
        text(out, Channel.REASONING, message.get("thinking"));
        text(out, Channel.CONTENT, message.get("content"));
        for (JsonNode call : message.path("tool_calls")) {
            out.add(toolCall(call));
        }
        if (chunk.path("done").asBoolean(false)) {
            done = true;
            out.add(new Delta.Usage(chunk.path("prompt_eval_count").asInt(), chunk.path("eval_count").asInt()));
            out.add(new Delta.Finish(finishReason(chunk.path("done_reason").asText("stop"))));
        }
        return out;
    }

    /**
     * Ollama sends each call whole, its arguments as an object: one fragment with id, name and the
     * arguments' JSON text. Older versions give no id, so the call's position makes one, {@code call_<n>}.
     */
    private Delta.ToolCall toolCall(JsonNode call) {
        int position = calls++;
        JsonNode function = call.path("function");
        JsonNode id = call.get("id");
        JsonNode arguments = function.get("arguments");
        String text = arguments == null || arguments.isNull() ? "{}"
                : arguments.isTextual() ? arguments.asText() : UpstreamJson.text(arguments);
        return new Delta.ToolCall(position, id != null && id.isTextual() && !id.asText().isEmpty() ? id.asText()
                : "call_" + position, function.path("name").asText(), text);
    }

    @Override
    public List<Delta> end() {
        if (!done) {
            throw UpstreamErrors.truncated(provider, "a \"done\": true line");
        }
        return List.of();
    }

    private FinishReason finishReason(String reason) {
        if (calls > 0) {
            return FinishReason.TOOL_CALLS;
        }
        return "length".equals(reason) ? FinishReason.LENGTH : FinishReason.STOP;
    }

    private static void text(List<Delta> out, Channel channel, JsonNode node) {
        if (node != null && node.isTextual() && !node.asText().isEmpty()) {
            out.add(new Delta.Text(channel, node.asText(), 0));
        }
    }
}
