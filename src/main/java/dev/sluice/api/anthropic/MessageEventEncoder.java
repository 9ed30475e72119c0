package dev.sluice.api.anthropic;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.sse.SseEncoder;
import dev.sluice.model.StreamEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes a stream as Anthropic's Messages event sequence: {@code message_start} (the message
 * skeleton, with Sluice's estimate of the input tokens) and a {@code ping}; then content blocks,
 * each {@code content_block_start}, its deltas and {@code content_block_stop}: a run of content
 * text is a {@code text} block ({@code text_delta}), a run of reasoning a {@code thinking} block
 * ({@code thinking_delta}; Sluice has no signature to send), each tool call a {@code tool_use}
 * block whose arguments arrive as {@code input_json_delta} fragments; at the end
 * {@code message_delta} (stop reason and the provider's usage) and {@code message_stop}. A stream
 * that fails is ended by an {@code error} event in Anthropic's error shape, as Anthropic does.
 * Idle connections get SSE comments, which Anthropic's SDKs skip like its {@code ping}s.
 */
final class MessageEventEncoder implements SseEncoder {

    private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();

    private enum Block { NONE, TEXT, THINKING, TOOL_USE }

    private final String messageId;
    private final String model;
    private final int inputTokens;
    /** Block index of each tool call, by the call's index among the turn's calls. */
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private Block open = Block.NONE;
    private int openIndex = -1;
    private int nextIndex;
    private StreamEvent.Usage usage;

    MessageEventEncoder(String messageId, String model, int inputTokens) {
        this.messageId = messageId;
        this.model = model;
        this.inputTokens = inputTokens;
    }

    @Override
    public void encode(StreamEvent event, StringBuilder out) {
        if (event instanceof StreamEvent.Start) {
            ObjectNode start = object("message_start");
            start.set("message", MessageJson.skeleton(messageId, model, inputTokens));
            frame(out, "message_start", start.toString());
            frame(out, "ping", "{\"type\":\"ping\"}");
        } else if (event instanceof StreamEvent.Text text) {
            switch (text.channel()) {
                case CONTENT -> delta(out, Block.TEXT, "text_delta", "text", text.text());
                case REASONING -> delta(out, Block.THINKING, "thinking_delta", "thinking", text.text());
                case TOOL_CALL -> { }
            }
        } else if (event instanceof StreamEvent.ToolCall call) {
            toolCall(call, out);
        } else if (event instanceof StreamEvent.Usage u) {
            usage = u;
        } else if (event instanceof StreamEvent.Done done) {
            closeBlock(out);
            ObjectNode delta = object("message_delta");
            delta.putObject("delta").put("stop_reason", StopReasons.of(done.finishReason())).putNull("stop_sequence");
            ObjectNode deltaUsage = delta.putObject("usage");
            if (usage != null) {
                deltaUsage.put("input_tokens", usage.promptTokens());
            }
            deltaUsage.put("output_tokens", usage == null ? 0 : usage.completionTokens());
            frame(out, "message_delta", delta.toString());
            frame(out, "message_stop", "{\"type\":\"message_stop\"}");
        } else if (event instanceof StreamEvent.Error error) {
            frame(out, "error", AnthropicErrors.streamError(error.code(), error.message()).toString());
        }
    }

    /** A piece of text or reasoning: into the open block of that kind, else a new block. */
    private void delta(StringBuilder out, Block kind, String deltaType, String field, String text) {
        if (open != kind) {
            closeBlock(out);
            openIndex = nextIndex++;
            open = kind;
            ObjectNode block = JsonNodeFactory.instance.objectNode();
            block.put("type", kind == Block.TEXT ? "text" : "thinking").put(field, "");
            if (kind == Block.THINKING) {
                block.put("signature", "");
            }
            blockStart(out, openIndex, block);
        }
        out.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":").append(openIndex)
                .append(",\"delta\":{\"type\":\"").append(deltaType).append("\",\"").append(field).append("\":\"");
        ESCAPE.quoteAsString(text, out);
        out.append("\"}}\n\n");
    }

    private void toolCall(StreamEvent.ToolCall call, StringBuilder out) {
        Integer index = toolBlocks.get(call.index());
        if (index == null || call.opens()) {
            closeBlock(out);
            index = nextIndex++;
            openIndex = index;
            open = Block.TOOL_USE;
            toolBlocks.put(call.index(), index);
            ObjectNode block = JsonNodeFactory.instance.objectNode();
            block.put("type", "tool_use").put("id", StopReasons.toolUseId(call.id(), messageId, call.index()))
                    .put("name", call.name() == null ? "" : call.name());
            block.putObject("input");
            blockStart(out, index, block);
        }
        if (!call.text().isEmpty()) {
            // A fragment of a call whose block was closed by a later one still belongs to its own block.
            ObjectNode delta = object("content_block_delta").put("index", index);
            delta.putObject("delta").put("type", "input_json_delta").put("partial_json", call.text());
            frame(out, "content_block_delta", delta.toString());
        }
    }

    private void closeBlock(StringBuilder out) {
        if (open != Block.NONE) {
            frame(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + openIndex + "}");
            open = Block.NONE;
        }
    }

    private static void blockStart(StringBuilder out, int index, ObjectNode block) {
        ObjectNode start = object("content_block_start").put("index", index);
        start.set("content_block", block);
        frame(out, "content_block_start", start.toString());
    }

    private static ObjectNode object(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private static void frame(StringBuilder out, String event, String data) {
        out.append("event: ").append(event).append("\ndata: ").append(data).append("\n\n");
    }
}
