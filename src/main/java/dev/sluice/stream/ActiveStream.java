package dev.sluice.stream;

import dev.sluice.provider.Delta;
import dev.sluice.stream.frame.Framer;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A generation running on this replica: its framer, its subscriber count (for the grace-period
 * cancel) and the signal that cancels it from inside its own pipeline, so the terminal event is
 * sequenced by the same producer that sequenced everything before it.
 */
final class ActiveStream {

    /** The in-band cancel marker; providers never emit a {@code cancelled} finish. */
    static final Delta CANCEL = new Delta.Finish(FinishReason.CANCELLED);

    final StartedStream started;
    final boolean background;
    final StreamOwner owner;
    final Framer framer;
    final UnicastProcessor<Delta> cancelSignal = UnicastProcessor.create();
    final AtomicInteger subscribers = new AtomicInteger();
    final AtomicBoolean cancelRequested = new AtomicBoolean();
    volatile long graceTimer = -1;
    volatile long tokens;
    /** Completion tokens from the stream's usage event, or -1 before one passed. */
    volatile long usageTokens = -1;

    ActiveStream(StartedStream started, boolean background, StreamOwner owner) {
        this.started = started;
        this.background = background;
        this.owner = owner;
        this.framer = new Framer(started.id(), started.startNanos());
    }

    /** Asks the pipeline to stop; returns false when it was already asked. */
    boolean requestCancel() {
        if (!cancelRequested.compareAndSet(false, true)) {
            return false;
        }
        cancelSignal.onNext(CANCEL);
        return true;
    }
}
