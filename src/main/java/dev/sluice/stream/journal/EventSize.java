package dev.sluice.stream.journal;

import dev.sluice.stream.StreamEvent;

/** Approximate heap cost of an event, used for the byte bounds. */
public final class EventSize {

    private static final int OVERHEAD = 96;

    private EventSize() {}

    public static long of(StreamEvent event) {
        if (event instanceof StreamEvent.Text t) {
            return OVERHEAD + 2L * t.text().length();
        }
        if (event instanceof StreamEvent.Error e) {
            return OVERHEAD + 2L * (e.message() == null ? 0 : e.message().length());
        }
        return OVERHEAD;
    }
}
