package dev.sluice.provider.http;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental parser of the {@code text/event-stream} format (WHATWG HTML §9.2.6): fields
 * {@code event}, {@code data} (multi-line), {@code id}, comments, blank-line dispatch, LF/CR/CRLF
 * line ends and a leading byte-order mark. Fed raw reads in any split.
 */
public final class SseEventParser {

    private final LineSplitter lines = new LineSplitter();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String event;
    private String lastId;
    private boolean first = true;

    /** Decodes a streamed body into events; a final event without its blank line is still dispatched. */
    public static Multi<SseEvent> decode(Multi<Buffer> body) {
        return Multi.createFrom().deferred(() -> {
            SseEventParser parser = new SseEventParser();
            return body.onItem().transformToIterable(b -> parser.feed(b.getBytes()))
                    .onCompletion().switchTo(() -> Multi.createFrom().iterable(parser.finish()));
        });
    }

    public List<SseEvent> feed(byte[] bytes) {
        List<SseEvent> events = new ArrayList<>();
        for (String line : lines.feed(bytes)) {
            line(line, events);
        }
        return events;
    }

    public List<SseEvent> finish() {
        List<SseEvent> events = new ArrayList<>();
        for (String line : lines.finish()) {
            line(line, events);
        }
        line("", events);
        return events;
    }

    private void line(String line, List<SseEvent> out) {
        if (first) {
            first = false;
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
        }
        if (line.isEmpty()) {
            dispatch(out);
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

    private void dispatch(List<SseEvent> out) {
        if (hasData) {
            out.add(new SseEvent(event == null || event.isEmpty() ? "message" : event, data.toString(), lastId));
        }
        data.setLength(0);
        hasData = false;
        event = null;
    }
}
