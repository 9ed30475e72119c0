package dev.sluice.provider.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.model.Delta;
import dev.sluice.provider.http.MessageParser;
import dev.sluice.provider.http.SseEvent;
import dev.sluice.provider.http.StreamMapper;
import dev.sluice.provider.http.UpstreamErrors;
import dev.sluice.provider.http.UpstreamJson;
import dev.sluice.model.Channel;
import dev.sluice.model.FinishReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@code chat.completion.chunk} events to deltas. Usage (the last chunk, with empty
 * {@code choices}) and the finish reason are held back until {@code [DONE]}, so the stream
 * ends usage-then-finish; a body that ends without {@code [DONE]} or without a finish reason
 * is an upstream failure, not a success.
 */
final class OpenAiStreamMapper implements StreamMapper<SseEvent> {

    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

    private final String provider;
    /** This stream's chunks, parsed from their bytes by one parser. */
    private final MessageParser json;
    private Delta.Usage usage;
    private FinishReason finish;
    private boolean done;
    /** Tool calls whose id and name were passed on already. */
    private final java.util.BitSet opened = new java.util.BitSet();

    OpenAiStreamMapper(String provider) {
        this.provider = provider;
        this.json = new MessageParser(provider);
    }

    @Override
    public List<Delta> map(SseEvent event) {
        if (done) {
            return List.of();
        }
        byte[] data = event.dataBytes();
        int from = 0;
        int to = data.length;
        while (from < to && (data[from] & 0xFF) <= ' ') {
            from++;
        }
        while (to > from && (data[to - 1] & 0xFF) <= ' ') {
            to--;
        }
        if (isDone(data, from, to)) {
            done = true;
            json.close();
            return closing();
        }
        try {
            List<Delta> out = chunk(json.start(data, from, to));
            json.finishMessage();
            return out;
        } catch (JsonProcessingException e) {
            throw UpstreamJson.malformed(provider, e);
        } catch (IOException e) {
            throw UpstreamErrors.badResponse(provider, "unreadable chunk in the stream");
        }
    }

    private static boolean isDone(byte[] data, int from, int to) {
        if (to - from != DONE.length) {
            return false;
        }
        for (int i = 0; i < DONE.length; i++) {
            if (data[from + i] != DONE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * One {@code chat.completion.chunk}, read field by field from its bytes: nearly every chunk of
     * a stream is a few characters of content, and a tree of a dozen nodes per token (then a
     * parser per chunk, see {@link MessageParser}) was the largest single cost of the proxy path.
     * Tool calls, rare, are read as trees.
     */
    private List<Delta> chunk(JsonParser p) throws IOException {
        if (json.next() != JsonToken.START_OBJECT) {
            throw UpstreamErrors.badResponse(provider, "expected a JSON object in the stream");
        }
        List<Delta> out = new ArrayList<>(2);
        while (json.next() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = json.next();
            switch (field) {
                case "error" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        JsonNode error = json.tree();
                        throw UpstreamErrors.inStream(provider, error.path("type").asText(error.path("code").asText("")));
                    }
                }
                case "usage" -> {
                    if (value == JsonToken.START_OBJECT) {
                        usage(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "choices" -> {
                    if (value == JsonToken.START_ARRAY) {
                        while (json.next() != JsonToken.END_ARRAY) {
                            if (p.currentToken() == JsonToken.START_OBJECT) {
                                choice(p, out);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return out;
    }

    private void usage(JsonParser p) throws IOException {
        int prompt = 0;
        int completion = 0;
        while (json.next() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            json.next();
            switch (field) {
                case "prompt_tokens" -> prompt = p.getValueAsInt(0);
                case "completion_tokens" -> completion = p.getValueAsInt(0);
                default -> p.skipChildren();
            }
        }
        usage = new Delta.Usage(prompt, completion);
    }

    /** One choice; its parts are emitted in a fixed order once it is read (its index may come last). */
    private void choice(JsonParser p, List<Delta> out) throws IOException {
        int index = 0;
        String reasoningContent = null;
        String reasoning = null;
        String content = null;
        String refusal = null;
        JsonNode toolCalls = null;
        JsonNode functionCall = null;
        String reason = null;
        while (json.next() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = json.next();
            switch (field) {
                case "index" -> index = p.getValueAsInt(0);
                case "finish_reason" -> reason = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "delta" -> {
                    if (value != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        continue;
                    }
                    while (json.next() == JsonToken.FIELD_NAME) {
                        String part = p.currentName();
                        JsonToken partValue = json.next();
                        if (partValue == JsonToken.VALUE_STRING) {
                            switch (part) {
                                case "content" -> content = p.getText();
                                case "reasoning_content" -> reasoningContent = p.getText();
                                case "reasoning" -> reasoning = p.getText();
                                case "refusal" -> refusal = p.getText();
                                default -> { } // role, and fields this adapter does not carry
                            }
                        } else if (part.equals("tool_calls") && partValue == JsonToken.START_ARRAY) {
                            toolCalls = json.tree();
                        } else if (part.equals("function_call") && partValue == JsonToken.START_OBJECT) {
                            functionCall = json.tree();
                        } else {
                            p.skipChildren(); // a no-op for null and other scalars
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        text(out, Channel.REASONING, reasoningContent, index);
        text(out, Channel.REASONING, reasoning, index);
        text(out, Channel.CONTENT, content, index);
        text(out, Channel.CONTENT, refusal, index);
        if (toolCalls != null) {
            int position = 0;
            for (JsonNode call : toolCalls) {
                toolCall(out, call, position++);
            }
        }
        if (functionCall != null) {
            toolCall(out, functionCall, 0);
        }
        if (reason != null && (finish == null || index == 0)) {
            finish = finishReason(reason);
        }
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

    private static void text(List<Delta> out, Channel channel, String text, int index) {
        if (text != null && !text.isEmpty()) {
            out.add(new Delta.Text(channel, text, index));
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
