package dev.sluice.stream.journal;

import dev.sluice.model.StreamEvent;

/** Approximate heap cost of an event, used for the byte bounds. */
public final class EventSize {

    /** A record with its fields and references. */
    private static final int OVERHEAD = 96;
    /**
     * A text delta is held as columns (offset, time, index, channel, slot: 21 bytes, up to
     * twice that while the arrays have room to grow) plus its characters, not as a record.
     */
    private static final int TEXT_OVERHEAD = 32;

    private EventSize() {}

    public static long of(StreamEvent event) {
        if (event instanceof StreamEvent.Text t) {
            return TEXT_OVERHEAD + 2L * t.text().length();
        }
        if (event instanceof StreamEvent.ToolCall c) {
            return OVERHEAD + 2L * (c.text().length() + (c.id() == null ? 0 : c.id().length())
                    + (c.name() == null ? 0 : c.name().length()));
        }
        if (event instanceof StreamEvent.Error e) {
            return OVERHEAD + 2L * (e.message() == null ? 0 : e.message().length());
        }
        return OVERHEAD;
    }
}
