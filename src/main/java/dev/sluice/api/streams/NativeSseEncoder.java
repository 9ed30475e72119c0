package dev.sluice.api.streams;

import dev.sluice.api.common.EventJson;
import dev.sluice.api.sse.SseEncoder;
import dev.sluice.model.StreamEvent;

/**
 * Sluice's own SSE framing: {@code id: <seq>} (so {@code Last-Event-ID} resumes), {@code event:
 * <type>} and the event JSON. Per-subscriber notices carry no id, so they never move the
 * client's resume point.
 */
final class NativeSseEncoder implements SseEncoder {

    private final EventJson json;

    NativeSseEncoder(EventJson json) {
        this.json = json;
    }

    @Override
    public void encode(StreamEvent event, StringBuilder out) {
        if (event.seq() != StreamEvent.UNSEQUENCED) {
            out.append("id: ").append(event.seq()).append('\n');
        }
        out.append("event: ").append(event.type()).append('\n').append("data: ");
        json.write(event, out);
        out.append("\n\n");
    }
}
