package dev.sluice.api.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.stream.StreamEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** The one JSON form of a stream event, shared by SSE and WebSocket (DESIGN §2). */
@ApplicationScoped
public class EventJson {

    private final ObjectMapper mapper;

    EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(StreamEvent event) {
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
