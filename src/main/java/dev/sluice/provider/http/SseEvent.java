package dev.sluice.provider.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One Server-Sent Event as dispatched by the parser. Its data is kept as the UTF-8 bytes it came
 * in ({@link #dataBytes()}), so an adapter that parses JSON from bytes never builds the String;
 * {@link #data()} decodes it on first use for the adapters that want text.
 */
public final class SseEvent {

    private final String event;
    private final String id;
    private byte[] dataBytes;
    private String data;

    /**
     * @param event the {@code event:} field, or {@code "message"} when absent
     * @param data  the {@code data:} lines joined with LF
     * @param id    the last {@code id:} field seen, or null
     */
    public SseEvent(String event, String data, String id) {
        this.event = Objects.requireNonNull(event, "event");
        this.data = Objects.requireNonNull(data, "data");
        this.id = id;
    }

    private SseEvent(String event, byte[] dataBytes, String id) {
        this.event = event;
        this.dataBytes = dataBytes;
        this.id = id;
    }

    /** An event whose data is the given UTF-8 bytes, owned by the event from now on. */
    public static SseEvent ofUtf8(String event, byte[] dataBytes, String id) {
        return new SseEvent(Objects.requireNonNull(event, "event"), Objects.requireNonNull(dataBytes, "dataBytes"), id);
    }

    /** The {@code event:} field, or {@code "message"} when absent. */
    public String event() {
        return event;
    }

    /** The {@code data:} lines joined with LF. */
    public String data() {
        if (data == null) {
            data = new String(dataBytes, StandardCharsets.UTF_8);
        }
        return data;
    }

    /** The data as UTF-8; not to be modified. */
    public byte[] dataBytes() {
        if (dataBytes == null) {
            dataBytes = data.getBytes(StandardCharsets.UTF_8);
        }
        return dataBytes;
    }

    /** The last {@code id:} field seen, or null. */
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseEvent other && event.equals(other.event) && data().equals(other.data())
                && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, data(), id);
    }

    @Override
    public String toString() {
        return "SseEvent[event=" + event + ", data=" + data() + ", id=" + id + "]";
    }
}
