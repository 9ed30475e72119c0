package dev.sluice.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.model.Delta;
import dev.sluice.provider.http.SseEvent;
import dev.sluice.provider.http.StreamMapper;
import dev.sluice.provider.http.UpstreamErrors;
import dev.sluice.provider.http.UpstreamJson;
import dev.sluice.model.Channel;
import dev.sluice.model.FinishReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps Messages API events: {@code message_start} (input tokens), {@code content_block_start}
 * and {@code content_block_delta} ({@code text_delta}, {@code thinking_delta}, {@code
 * input_json_delta}, {@code citations_delta}), {@code message_delta} (stop reason, output tokens), {@code message_stop}
 * (usage then finish), {@code ping}, {@code error}. Unknown events are ignored, as Anthropic's
 * versioning policy asks.
 */
final class AnthropicStreamMapper implements StreamMapper<SseEvent> {

    private final String provider;
    private int inputTokens;
    private int outputTokens;
    private FinishReason finish;
    private boolean stopped;
    /** Content block index of each tool_use block → the call's index among this message's calls. */
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    /** Calls that received an input fragment. */
    private final java.util.BitSet withArguments = new java.util.BitSet();

    AnthropicStreamMapper(String provider) {
        this.provider = provider;
    }

    @Override
    public List<Delta> map(SseEvent event) {
        if (stopped) {
            return List.of();
        }
        JsonNode data = UpstreamJson.parse(provider, event.data());
        String type = data.path("type").asText(event.event());
        List<Delta> out = new ArrayList<>();
        switch (type) {
            case "message_start" -> usage(data.path("message").path("usage"));
            case "content_block_start" -> {
                JsonNode block = data.path("content_block");
                if ("tool_use".equals(block.path("type").asText())) {
                    int call = toolBlocks.size();
                    toolBlocks.put(data.path("index").asInt(), call);
                    out.add(new Delta.ToolCall(call, block.path("id").asText(), block.path("name").asText(), ""));
                }
                text(out, Channel.CONTENT, block.get("text"));
                text(out, Channel.REASONING, block.get("thinking"));
            }
            case "content_block_delta" -> {
                JsonNode delta = data.path("delta");
                switch (delta.path("type").asText()) {
                    case "text_delta" -> text(out, Channel.CONTENT, delta.get("text"));
                    case "thinking_delta" -> text(out, Channel.REASONING, delta.get("thinking"));
                    case "input_json_delta" -> arguments(out, data.path("index").asInt(), delta.get("partial_json"));
                    case "citations_delta" -> citation(out, delta.path("citation"));
                    default -> { } // signature_delta: nothing to show
                }
            }
            case "message_delta" -> {
                JsonNode reason = data.path("delta").get("stop_reason");
                if (reason != null && reason.isTextual()) {
                    finish = finishReason(reason.asText());
                }
                usage(data.path("usage"));
            }
            case "message_stop" -> {
                stopped = true;
                if (finish == null) {
                    throw UpstreamErrors.badResponse(provider, "message_stop without a stop_reason");
                }
                out.add(new Delta.Usage(inputTokens, outputTokens));
                out.add(new Delta.Finish(finish));
            }
            case "error" -> throw UpstreamErrors.inStream(provider, data.path("error").path("type").asText(""));
            case "content_block_stop" -> {
                Integer call = toolBlocks.get(data.path("index").asInt());
                if (call != null && !withArguments.get(call)) {
                    // A call without input fragments has no arguments: "{}", as OpenAI streams one, so
                    // clients that parse the arguments get an object rather than "".
                    withArguments.set(call);
                    out.add(new Delta.ToolCall(call, null, null, "{}"));
                }
            }
            default -> { } // ping and events added later
        }
        return out;
    }

    @Override
    public List<Delta> end() {
        if (!stopped) {
            throw UpstreamErrors.truncated(provider, "message_stop");
        }
        return List.of();
    }

    private void usage(JsonNode usage) {
        if (usage.has("input_tokens")) {
            inputTokens = usage.get("input_tokens").asInt();
        }
        if (usage.has("output_tokens")) {
            outputTokens = usage.get("output_tokens").asInt(); // cumulative in message_delta
        }
    }

    /**
     * A citation arrives before the text of the block it supports, which is what {@link
     * Delta.Citation} means. Its source is the web page's URL, the search result's source, or the
     * cited document's title (its index when untitled); the quoted text is not repeated.
     */
    private static void citation(List<Delta> out, JsonNode citation) {
        String source = switch (citation.path("type").asText()) {
            case "web_search_result_location" -> citation.path("url").asText("");
            case "search_result_location" -> citation.path("source").asText("");
            default -> citation.path("document_title").isTextual() && !citation.path("document_title").asText().isEmpty()
                    ? citation.path("document_title").asText()
                    : citation.has("document_index") ? "document " + citation.path("document_index").asInt() : "";
        };
        if (!source.isEmpty()) {
            out.add(new Delta.Citation(source));
        }
    }

    /**
     * A piece of a tool_use block's input JSON. Its {@code content_block_start} opened the call (with
     * the {@code input: {}} placeholder, which is not part of the arguments); a fragment of a block that
     * never started is an upstream defect and dropped rather than attributed to another call.
     */
    private void arguments(List<Delta> out, int block, JsonNode partial) {
        Integer call = toolBlocks.get(block);
        if (call != null && partial != null && partial.isTextual() && !partial.asText().isEmpty()) {
            withArguments.set(call);
            out.add(new Delta.ToolCall(call, null, null, partial.asText()));
        }
    }

    private static void text(List<Delta> out, Channel channel, JsonNode node) {
        if (node != null && node.isTextual() && !node.asText().isEmpty()) {
            out.add(new Delta.Text(channel, node.asText(), 0));
        }
    }

    static FinishReason finishReason(String reason) {
        return switch (reason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP; // end_turn, stop_sequence, pause_turn
        };
    }
}
