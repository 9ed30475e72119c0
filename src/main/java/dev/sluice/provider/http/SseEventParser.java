package dev.sluice.provider.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Incremental parser of the {@code text/event-stream} format (WHATWG HTML §9.2.6): fields
 * {@code event}, {@code data} (multi-line), {@code id}, comments, blank-line dispatch, LF/CR/CRLF
 * line ends and a leading byte-order mark. Fed raw reads in any split.
 */
public final class SseEventParser implements UpstreamDecoder.Framing<SseEvent> {

    private final LineSplitter lines = new LineSplitter();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String event;
    private String lastId;
    private boolean first = true;
    /** Where the events of the read being fed go. */
    private Consumer<SseEvent> out;
    private final Consumer<String> onLine = this::line;

    public List<SseEvent> feed(byte[] bytes) {
        List<SseEvent> events = new ArrayList<>();
        feed(bytes, events::add);
        return events;
    }

    /** Feeds one read; passes each event it completes to {@code events}. */
    @Override
    public void feed(byte[] bytes, Consumer<SseEvent> events) {
        out = events;
        lines.feed(bytes, onLine);
    }

    public List<SseEvent> finish() {
        List<SseEvent> events = new ArrayList<>();
        finish(events::add);
        return events;
    }

    /** At the end of the body: a final event without its blank line is still dispatched. */
    @Override
    public void finish(Consumer<SseEvent> events) {
        out = events;
        for (String line : lines.finish()) {
            line(line);
        }
        line("");
    }

    private void line(String line) {
        if (first) {
            first = false;
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
        }
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            return; // comment, used by upstreams as keep-alive
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> event = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            default -> { } // "retry" and unknown fields do not concern a one-shot upstream stream
        }
    }

    private void dispatch() {
        if (hasData) {
            out.accept(new SseEvent(event == null || event.isEmpty() ? "message" : event, data.toString(), lastId));
        }
        data.setLength(0);
        hasData = false;
        event = null;
    }
}
