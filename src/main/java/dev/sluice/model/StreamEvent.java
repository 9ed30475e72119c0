package dev.sluice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One event of a stream, the single contract every transport encodes (DESIGN §2).
 * {@code seq} is gapless from 0 within a stream; {@code at} is milliseconds since the
 * stream started, with microsecond precision. Exactly one {@link #terminal() terminal}
 * event ends a stream.
 */
public sealed interface StreamEvent {

    String streamId();

    long seq();

    double at();

    /** The wire name of this event's type: {@code start}, {@code delta}, … */
    @JsonProperty("type")
    String type();

    default boolean terminal() {
        return false;
    }

    /** Seq used by per-subscriber notices (e.g. {@code slow_consumer}) that are not journaled. */
    long UNSEQUENCED = -1;

    @RegisterForReflection
    @JsonPropertyOrder({"type", "streamId", "seq", "at"})
    record Start(String streamId, long seq, double at, String model, String provider, String session,
                 long created) implements StreamEvent {
        public String type() { return "start"; }
    }

    /** A piece of generated text on a channel ({@code content}, {@code reasoning}, {@code tool_call}). */
    @RegisterForReflection
    @JsonPropertyOrder({"type", "streamId", "seq", "at"})
    record Text(String streamId, long seq, double at, Channel channel, String text, int index)
            implements StreamEvent {
        public String type() { return "delta"; }
    }

    /**
     * A fragment of a tool call, a {@code delta} on the {@code tool_call} channel: {@code text} is the
     * next piece of the call's arguments (JSON text); the call's first fragment also carries its
     * {@code id} and function {@code name}. {@code index} is the call's position among the turn's
     * calls (Sluice streams one choice, so it never means a choice here).
     */
    @RegisterForReflection
    @JsonPropertyOrder({"type", "streamId", "seq", "at", "channel", "text", "index", "id", "name"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolCall(String streamId, long seq, double at, int index, String id, String name, String text)
            implements StreamEvent {
        public String type() { return "delta"; }

        @JsonProperty("channel")
        public Channel channel() { return Channel.TOOL_CALL; }

        /** Whether this fragment opens its call (carries id and name). */
        public boolean opens() { return name != null; }
    }

    /** A masking intervention. Never carries the original text. */
    @RegisterForReflection
    @JsonPropertyOrder({"type", "streamId", "seq", "at"})
    record Redaction(String streamId, long seq, double at, String detector, String action,
                     String replacement) implements StreamEvent {
        public String type() { return "redaction"; }
    }

    @RegisterForReflection
    @JsonPropertyOrder({"type", "streamId", "seq", "at"})
    record Citation(String streamId, long seq, double at, String source) implements StreamEvent {
        public String type() { return "citation"; }
    }

    @RegisterForReflection
    @JsonPropertyOrder({"type", "streamId", "seq", "at"})
    record Usage(String streamId, long seq, double at, int promptTokens, int completionTokens,
                 int totalTokens) implements StreamEvent {
        public String type() { return "usage"; }
    }

    @RegisterForReflection
    @JsonPropertyOrder({"type", "streamId", "seq", "at"})
    record Done(String streamId, long seq, double at, FinishReason finishReason) implements StreamEvent {
        public String type() { return "done"; }

        @Override
        public boolean terminal() { return true; }
    }

    /**
     * The stream failed. {@code retryAfter}: seconds the upstream asked to wait before a retry
     * (its {@code Retry-After}), or null when it said nothing.
     */
    @RegisterForReflection
    @JsonPropertyOrder({"type", "streamId", "seq", "at"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String streamId, long seq, double at, ErrorCode code, String message, boolean retryable,
                 Long retryAfter) implements StreamEvent {
        /** An error without a known time to wait. */
        public Error(String streamId, long seq, double at, ErrorCode code, String message, boolean retryable) {
            this(streamId, seq, at, code, message, retryable, null);
        }

        public String type() { return "error"; }

        @Override
        public boolean terminal() { return true; }
    }
}
