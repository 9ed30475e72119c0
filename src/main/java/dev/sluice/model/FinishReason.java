package dev.sluice.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a stream ended normally (carried by the {@code done} event). */
public enum FinishReason {
    STOP("stop"),
    LENGTH("length"),
    TOOL_CALLS("tool_calls"),
    CANCELLED("cancelled"),
    POLICY("policy"),
    CONTENT_FILTER("content_filter");

    private final String wire;

    FinishReason(String wire) { this.wire = wire; }

    @JsonValue
    public String wire() { return wire; }
}
