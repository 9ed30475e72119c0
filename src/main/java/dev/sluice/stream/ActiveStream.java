package dev.sluice.stream;

import dev.sluice.stream.frame.Framer;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A generation running on this replica: its framer, its subscriber count (for the grace-period
 * cancel) and the subscription of its producer, which a cancel stops (closing the upstream)
 * before the journal appends the terminal event.
 */
final class ActiveStream {

    final StartedStream started;
    final boolean background;
    final StreamOwner owner;
    final Framer framer;
    /** The producer's subscription; null until it started. */
    volatile Cancellable production;
    final AtomicInteger subscribers = new AtomicInteger();
    final AtomicBoolean cancelRequested = new AtomicBoolean();
    volatile long graceTimer = -1;
    /** Ended by a graceful drain: its terminal is {@code error: shutdown}, not {@code done: cancelled}. */
    volatile boolean shutDown;
    volatile long tokens;
    /** Completion tokens from the stream's usage event, or -1 before one passed. */
    volatile long usageTokens = -1;

    ActiveStream(StartedStream started, boolean background, StreamOwner owner) {
        this.started = started;
        this.background = background;
        this.owner = owner;
        this.framer = new Framer(started.id(), started.startNanos());
    }

    /** Marks the stream cancelled; false when it already was. */
    boolean markCancelled() {
        return cancelRequested.compareAndSet(false, true);
    }
}
