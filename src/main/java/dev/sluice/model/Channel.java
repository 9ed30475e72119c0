package dev.sluice.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which part of a generation a piece of text belongs to. */
public enum Channel {
    CONTENT("content"),
    REASONING("reasoning"),
    TOOL_CALL("tool_call");

    private final String wire;

    Channel(String wire) { this.wire = wire; }

    @JsonValue
    public String wire() { return wire; }
}
