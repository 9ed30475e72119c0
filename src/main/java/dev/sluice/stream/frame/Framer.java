package dev.sluice.stream.frame;

import dev.sluice.model.Redaction;
import dev.sluice.model.Delta;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import dev.sluice.model.GenerationFailure;
import dev.sluice.model.StreamEvent;
import dev.sluice.model.StreamPart;

/**
 * Turns one stream's deltas (already whole-code-point text, see {@link Utf8Stage}) into events:
 * gapless seq from 0 and timestamps in milliseconds since the stream started. One instance per
 * stream, fed in order by its one producer. The terminal event is made here but sequenced by
 * the journal, which knows the last seq it really stored.
 */
public final class Framer {

    private final String streamId;
    private final long startNanos;
    private long nextSeq;
    private FinishReason finishReason;

    public Framer(String streamId, long startNanos) {
        this.streamId = streamId;
        this.startNanos = startNanos;
    }

    public StreamEvent start(String model, String provider, String session, long createdEpochSeconds) {
        return new StreamEvent.Start(streamId, nextSeq++, 0.0, model, provider, session, createdEpochSeconds);
    }

    /**
     * The event for one delta, or null for one that makes none: empty text, or a finish reason
     * (which the terminal event carries). One event or none, so no list per token.
     */
    public StreamEvent frame(StreamPart part) {
        double at = now();
        if (part instanceof Delta.Text t) {
            return t.text().isEmpty() ? null
                    : new StreamEvent.Text(streamId, nextSeq++, at, t.channel(), t.text(), t.index());
        }
        if (part instanceof Delta.ToolCall c) {
            return c.arguments().isEmpty() && c.name() == null ? null
                    : new StreamEvent.ToolCall(streamId, nextSeq++, at, c.index(), c.id(), c.name(), c.arguments());
        }
        if (part instanceof Delta.Usage u) {
            return new StreamEvent.Usage(streamId, nextSeq++, at, u.promptTokens(), u.completionTokens(),
                    u.promptTokens() + u.completionTokens());
        }
        if (part instanceof Delta.Citation c) {
            return new StreamEvent.Citation(streamId, nextSeq++, at, c.source());
        }
        if (part instanceof Redaction r) {
            return new StreamEvent.Redaction(streamId, nextSeq++, at, r.detector(), r.action(), r.replacement());
        }
        if (part instanceof Delta.Finish f) {
            finishReason = f.reason();
            return null;
        }
        throw new IllegalArgumentException("unframed part " + part.getClass().getSimpleName()
                + ": bytes must pass the Utf8Stage first");
    }

    /** The reason the upstream gave, or {@code stop} when it gave none. */
    public FinishReason finishReason() {
        return finishReason == null ? FinishReason.STOP : finishReason;
    }

    public StreamEvent done(long seq, FinishReason reason) {
        return new StreamEvent.Done(streamId, seq, now(), reason);
    }

    public StreamEvent error(long seq, Throwable failure) {
        if (failure instanceof GenerationFailure p) {
            Long retryAfter = p.retryAfter() == null ? null : Math.max(1, (p.retryAfter().toMillis() + 999) / 1000);
            return new StreamEvent.Error(streamId, seq, now(), p.code(), p.getMessage(), p.retryable(), retryAfter);
        }
        return new StreamEvent.Error(streamId, seq, now(), ErrorCode.INTERNAL,
                "The stream failed inside the gateway; retry the request.", true);
    }

    public StreamEvent error(long seq, ErrorCode code, String message) {
        return new StreamEvent.Error(streamId, seq, now(), code, message, code.retryable());
    }

    /** Milliseconds since the stream started, with microsecond precision. */
    public double now() {
        long micros = (System.nanoTime() - startNanos) / 1_000;
        return micros / 1000.0;
    }
}
