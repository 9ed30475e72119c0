package dev.sluice.api.responses;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.sse.SseEncoder;
import dev.sluice.model.StreamEvent;

/**
 * Writes a response's stream as the Responses API's SSE: {@code event: <type>} and {@code data:
 * <event JSON>}, each event carrying its {@code sequence_number}, which is also its SSE {@code id}
 * (an {@code EventSource} reconnects with it as {@code Last-Event-ID}; the SDKs ignore ids). The
 * encoder reads the journal from seq 0 and leaves out the events up to {@code startingAfter}: a
 * resume is the exact suffix, numbered as the first delivery was. A per-subscriber notice (a slow
 * consumer cut off) is an {@code error} event outside the sequence: {@code sequence_number} -1 and
 * no id, so it never moves the resume point.
 */
final class ResponseSseEncoder implements SseEncoder, ResponseFold.Sink {

    private final ResponseFold fold;
    private final long startingAfter;
    private StringBuilder out;

    /** @param startingAfter the last sequence number the client has, or -1 for everything */
    ResponseSseEncoder(ResponseFold fold, long startingAfter) {
        this.fold = fold;
        this.startingAfter = startingAfter;
    }

    @Override
    public void encode(StreamEvent event, StringBuilder out) {
        if (event.seq() == StreamEvent.UNSEQUENCED) {
            if (event instanceof StreamEvent.Error notice) {
                ObjectNode data = JsonNodeFactory.instance.objectNode().put("type", "error")
                        .put("sequence_number", -1).put("code", notice.code().wire()).put("message", notice.message())
                        .putNull("param");
                out.append("event: error\ndata: ").append(data.toString()).append("\n\n");
            }
            return;
        }
        this.out = out;
        try {
            fold.accept(event, this);
        } finally {
            this.out = null;
        }
    }

    @Override
    public boolean wants(long sequenceNumber) {
        return sequenceNumber > startingAfter;
    }

    @Override
    public void event(long sequenceNumber, String type, ObjectNode event) {
        out.append("id: ").append(sequenceNumber).append("\nevent: ").append(type).append("\ndata: ")
                .append(event.toString()).append("\n\n");
    }
}
