package dev.sluice.stream;

import java.time.Duration;

/**
 * Observes the streams running on this replica: CDI beans implementing it (the stream meters in
 * {@code dev.sluice.ops}) are called by {@link StreamService}, so the stream package needs to know
 * nothing of who watches it. Called on the thread that caused the change, once per stream or
 * subscriber, never per token: keep it cheap and never throw.
 */
public interface StreamListener {

    /** A stream started here (its {@code start} event is about to be journaled). */
    default void started(StartedStream stream) { }

    /**
     * A stream that ran here ended.
     *
     * @param outcome its finish reason or error code, as on the wire
     * @param tokens  the text events it produced
     */
    default void ended(StartedStream stream, String outcome, long tokens, Duration duration) { }

    /** A subscriber began reading a stream that runs here. */
    default void subscriberJoined(StartedStream stream) { }

    /** A subscriber of a stream that runs here stopped reading (done, cancelled or gone). */
    default void subscriberLeft(StartedStream stream) { }
}
