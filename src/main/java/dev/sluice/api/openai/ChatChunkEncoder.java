package dev.sluice.api.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.http.ErrorMapper;
import dev.sluice.api.sse.SseEncoder;
import dev.sluice.model.StreamEvent;

/**
 * Encodes a stream as OpenAI {@code chat.completion.chunk}s, ending with {@code data: [DONE]}
 * (or, after an error, with an {@code error} object and no {@code [DONE]}, as OpenAI does).
 * Tool-call fragments become {@code delta.tool_calls} entries as OpenAI streams them: the call's
 * {@code index}, {@code id}, {@code type} and function {@code name} once, then argument pieces
 * under the same index; a request that used the legacy {@code functions} gets
 * {@code delta.function_call} instead.
 */
final class ChatChunkEncoder implements SseEncoder {

    private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();
    /** A JSON string literal, or null, as Jackson writes it. */
    private static final java.util.function.BiConsumer<String, StringBuilder> ESCAPE_QUOTED = (value, out) -> {
        if (value == null) {
            out.append("null");
        } else {
            out.append('"');
            ESCAPE.quoteAsString(value, out);
            out.append('"');
        }
    };

    private final ObjectMapper mapper;
    private final String id;
    private final String model;
    private final long created;
    private final boolean includeUsage;
    private final boolean legacyFunctions;
    private StreamEvent.Usage usage;
    /** The fixed parts of a text chunk, made at the first one. */
    private String textChunkPrefix;
    private String textChunkSuffix;
    private boolean failed;

    ChatChunkEncoder(ObjectMapper mapper, String id, String model, long created, boolean includeUsage) {
        this(mapper, id, model, created, includeUsage, false);
    }

    ChatChunkEncoder(ObjectMapper mapper, String id, String model, long created, boolean includeUsage,
                     boolean legacyFunctions) {
        this.legacyFunctions = legacyFunctions;
        this.mapper = mapper;
        this.id = id;
        this.model = model;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    @Override
    public void encode(StreamEvent event, StringBuilder out) {
        if (event instanceof StreamEvent.Start) {
            ObjectNode delta = mapper.createObjectNode().put("role", "assistant").put("content", "");
            data(out, chunk(delta, null));
        } else if (event instanceof StreamEvent.Text text) {
            String field = switch (text.channel()) {
                case CONTENT -> "content";
                case REASONING -> "reasoning_content";
                case TOOL_CALL -> null;
            };
            if (field != null) {
                appendTextChunk(field, text.text(), out);
            }
        } else if (event instanceof StreamEvent.ToolCall call) {
            data(out, chunk(toolCallDelta(call), null));
        } else if (event instanceof StreamEvent.Usage u) {
            usage = u;
        } else if (event instanceof StreamEvent.Done done) {
            String reason = ChatFinishReasons.of(done.finishReason());
            if (legacyFunctions && "tool_calls".equals(reason)) {
                reason = "function_call";
            }
            data(out, chunk(mapper.createObjectNode(), reason));
            if (includeUsage) {
                ObjectNode last = base();
                last.set("choices", mapper.createArrayNode());
                last.set("usage", ChatCompletionJson.usage(mapper, usage));
                data(out, last);
            }
        } else if (event instanceof StreamEvent.Error error) {
            failed = true;
            data(out, ErrorMapper.fromStreamError(error.code(), error.message()).body());
        }
    }

    @Override
    public void finish(StringBuilder out) {
        if (!failed) {
            out.append("data: [DONE]\n\n");
        }
    }

    /**
     * A text chunk written directly, with Jackson's own string escaping: the same JSON, field for
     * field, as {@link #chunk} builds, without a tree of five nodes and a serialisation per token
     * (nearly every chunk of a stream is one of these).
     */
    private void appendTextChunk(String field, String text, StringBuilder out) {
        if (textChunkPrefix == null) {
            StringBuilder prefix = new StringBuilder(160);
            prefix.append("data: {\"id\":");
            ESCAPE_QUOTED.accept(id, prefix);
            prefix.append(",\"object\":\"chat.completion.chunk\",\"created\":").append(created).append(",\"model\":");
            ESCAPE_QUOTED.accept(model, prefix);
            prefix.append(",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{\"");
            textChunkPrefix = prefix.toString();
            textChunkSuffix = "\"},\"logprobs\":null,\"finish_reason\":null}]" + (includeUsage ? ",\"usage\":null" : "")
                    + "}\n\n";
        }
        out.append(textChunkPrefix).append(field).append("\":\"");
        ESCAPE.quoteAsString(text, out);
        out.append(textChunkSuffix);
    }

    private ObjectNode toolCallDelta(StreamEvent.ToolCall call) {
        ObjectNode delta = mapper.createObjectNode();
        ObjectNode function;
        if (legacyFunctions) {
            function = delta.putObject("function_call");
        } else {
            ObjectNode entry = delta.putArray("tool_calls").addObject();
            entry.put("index", call.index());
            if (call.opens()) {
                entry.put("id", call.id());
                entry.put("type", "function");
            }
            function = entry.putObject("function");
        }
        if (call.opens()) {
            function.put("name", call.name());
        }
        function.put("arguments", call.text());
        return delta;
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = base();
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private ObjectNode base() {
        ObjectNode chunk = mapper.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        chunk.putNull("system_fingerprint");
        return chunk;
    }

    private static void data(StringBuilder out, ObjectNode node) {
        out.append("data: ").append(node.toString()).append("\n\n");
    }
}
