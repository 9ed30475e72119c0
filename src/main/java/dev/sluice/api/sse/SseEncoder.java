package dev.sluice.api.sse;

import dev.sluice.model.StreamEvent;

/** Writes the SSE frames of one subscriber's events; one instance per response, fed in order. */
public interface SseEncoder {

    /** Appends the frame(s) for the event (possibly none). */
    void encode(StreamEvent event, StringBuilder out);

    /** Appends what follows the last event when the stream ended (e.g. OpenAI's {@code [DONE]}). */
    default void finish(StringBuilder out) {
    }
}
