package dev.sluice.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.model.StreamEvent;

/**
 * A journal event as the JSON stored in a Redis Stream entry: the same fields the event records
 * carry (registered for reflection), with {@code type} naming the record. The {@code start} entry
 * also carries the producer's wall-clock time of the stream's start, {@value #START_EPOCH_MS}, from
 * which followers on other replicas measure their lag; decoding ignores it (as replicas that do
 * not know it do), so it never reaches a client.
 */
public final class RedisEventCodec {

    static final String START_EPOCH_MS = "startEpochMs";

    private final ObjectMapper mapper;

    public RedisEventCodec(ObjectMapper mapper) {
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public String encode(StreamEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable: " + event.type(), e);
        }
    }

    /** The {@code start} entry, with the producer's wall-clock time of the stream's start. */
    public String encodeStart(StreamEvent.Start start, long startEpochMillis) {
        ObjectNode node = mapper.valueToTree(start);
        node.put(START_EPOCH_MS, startEpochMillis);
        return node.toString();
    }

    /** The producer's wall-clock stream start in a {@code start} entry, or -1 when it wrote none. */
    public long startEpochMillis(String json) {
        try {
            return mapper.readTree(json).path(START_EPOCH_MS).asLong(-1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable journal entry", e);
        }
    }

    public StreamEvent decode(String json) {
        try {
            ObjectNode node = (ObjectNode) mapper.readTree(json);
            String type = node.remove("type").asText();
            Class<? extends StreamEvent> kind = switch (type) {
                case "start" -> StreamEvent.Start.class;
                case "delta" -> "tool_call".equals(node.path("channel").asText()) ? StreamEvent.ToolCall.class
                        : StreamEvent.Text.class;
                case "redaction" -> StreamEvent.Redaction.class;
                case "citation" -> StreamEvent.Citation.class;
                case "usage" -> StreamEvent.Usage.class;
                case "done" -> StreamEvent.Done.class;
                case "error" -> StreamEvent.Error.class;
                default -> throw new IllegalStateException("unknown event type in the journal: " + type);
            };
            if (kind == StreamEvent.ToolCall.class) {
                node.remove("channel"); // implied by the record, not one of its components
            }
            return mapper.treeToValue(node, kind);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable journal entry", e);
        }
    }
}
