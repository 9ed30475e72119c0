package dev.sluice.api.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.model.StreamEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one JSON form of a stream event, shared by SSE and WebSocket (DESIGN §2). Text deltas,
 * nearly every event of a stream, are written directly (same bytes as Jackson would write, with
 * Jackson's own string escaping) to save a generator per token; the rest go through Jackson.
 */
@ApplicationScoped
public class EventJson {

    private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();

    private final ObjectMapper mapper;

    public EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(StreamEvent event) {
        if (event instanceof StreamEvent.Text t) {
            StringBuilder out = new StringBuilder(112 + t.text().length());
            appendText(t, out);
            return out.toString();
        }
        return writeWithJackson(event);
    }

    /** Appends the event's JSON to {@code out}: for text deltas without an intermediate string. */
    public void write(StreamEvent event, StringBuilder out) {
        if (event instanceof StreamEvent.Text t) {
            appendText(t, out);
        } else {
            out.append(writeWithJackson(event));
        }
    }

    private static void appendText(StreamEvent.Text t, StringBuilder out) {
        out.append("{\"type\":\"delta\",\"streamId\":\"");
        ESCAPE.quoteAsString(t.streamId(), out);
        out.append("\",\"seq\":").append(t.seq())
                .append(",\"at\":").append(t.at())
                .append(",\"channel\":\"").append(t.channel().wire())
                .append("\",\"text\":\"");
        ESCAPE.quoteAsString(t.text(), out);
        out.append("\",\"index\":").append(t.index())
                .append('}');
    }

    private String writeWithJackson(StreamEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable: " + event.type(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
