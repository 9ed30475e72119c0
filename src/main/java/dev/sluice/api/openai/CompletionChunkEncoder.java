package dev.sluice.api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.http.ErrorMapper;
import dev.sluice.api.sse.SseEncoder;
import dev.sluice.model.Channel;
import dev.sluice.model.StreamEvent;

/**
 * Encodes a stream as legacy {@code text_completion} chunks (the same object as the non-streamed
 * answer, OpenAI's CreateCompletionResponse): one per content delta, then one with empty text and
 * the {@code finish_reason}, a usage chunk with {@code "choices": []} when asked, and
 * {@code data: [DONE]}; after an error, the error object and no {@code [DONE]}. Completions have no
 * reasoning or tool calls: those deltas are not sent (the native API still has them).
 */
final class CompletionChunkEncoder implements SseEncoder {

    private final ObjectMapper mapper;
    private final String id;
    private final String model;
    private final long created;
    private final boolean includeUsage;
    private StreamEvent.Usage usage;
    private boolean failed;

    CompletionChunkEncoder(ObjectMapper mapper, String id, String model, long created, boolean includeUsage) {
        this.mapper = mapper;
        this.id = id;
        this.model = model;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    @Override
    public void encode(StreamEvent event, StringBuilder out) {
        if (event instanceof StreamEvent.Text text && text.channel() == Channel.CONTENT) {
            data(out, chunk(text.text(), null));
        } else if (event instanceof StreamEvent.Usage u) {
            usage = u;
        } else if (event instanceof StreamEvent.Done done) {
            data(out, chunk("", ChatFinishReasons.of(done.finishReason())));
            if (includeUsage) {
                ObjectNode last = base();
                last.putArray("choices");
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

    private ObjectNode chunk(String text, String finishReason) {
        ObjectNode chunk = base();
        CompletionJson.choice(chunk.putArray("choices"), text, finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private ObjectNode base() {
        return CompletionJson.head(mapper, id, created, model);
    }

    private static void data(StringBuilder out, ObjectNode node) {
        out.append("data: ").append(node.toString()).append("\n\n");
    }
}
