package dev.sluice.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.testing.SseEvent;
import java.util.List;

/** The event contract a subscriber relies on: gapless seq from a point, SSE id = seq, one terminal last. */
final class EventOrder {

    private EventOrder() {}

    /** Seq runs firstSeq, firstSeq+1, … with no gap or duplicate, and each SSE id is its seq. */
    static void assertGapless(List<SseEvent> events, long firstSeq) {
        for (int i = 0; i < events.size(); i++) {
            SseEvent event = events.get(i);
            assertEquals(firstSeq + i, event.seq(), "seq at position " + i + " of " + events.size());
            assertEquals(Long.toString(event.seq()), event.id(), "SSE id of seq " + event.seq());
        }
    }

    /** Exactly one terminal event ({@code done} or {@code error}), and it is the last. */
    static SseEvent assertOneTerminalLast(List<SseEvent> events) {
        long terminals = events.stream().filter(EventOrder::terminal).count();
        assertEquals(1, terminals, "terminal events in " + events.size());
        SseEvent last = events.get(events.size() - 1);
        assertEquals(true, terminal(last), "last event is the terminal: " + last);
        return last;
    }

    static boolean terminal(SseEvent event) {
        return "done".equals(event.event()) || "error".equals(event.event());
    }

    static String text(List<SseEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> "delta".equals(e.event())).forEach(e -> text.append(e.json().path("text").asText()));
        return text.toString();
    }
}
