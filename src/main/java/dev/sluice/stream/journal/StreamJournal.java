package dev.sluice.stream.journal;

import dev.sluice.model.StreamEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The append-only log of every stream (DESIGN §1): the producer appends, any number of
 * subscribers read at their own pace. Implementations: memory (default) and Redis.
 */
public interface StreamJournal {

    /**
     * Opens an empty journal for a new stream.
     *
     * @throws JournalFullException when the global budget cannot take another stream
     */
    void open(String streamId);

    /**
     * Appends a non-terminal event whose seq is the next one, before returning: the producer calls
     * it inline for every event, with no hand-off per token (memory stores it; Redis stores it in
     * its local copy and mirrors it later).
     *
     * @throws JournalFullException when the stream's bounds are reached (the event is not stored)
     */
    void append(StreamEvent event);

    /**
     * Appends the terminal event, giving it the next seq; bounds do not apply so every stream
     * can end. Ignored when the stream already ended. Atomic with respect to {@link #append}:
     * an event appended after the terminal, by a producer racing a cancel, is dropped.
     */
    Uni<Void> appendTerminal(String streamId, LongFunction<StreamEvent> terminalAtSeq);

    /**
     * Whether every event appended on this replica, terminals included, is where other replicas
     * can read it: a graceful drain waits for this before the process exits. Always true for a
     * journal that is not shared.
     */
    default boolean settled() {
        return true;
    }

    /**
     * Replays the events with {@code seq > afterSeq}, then follows live, completing after the
     * terminal event. A reader that falls more than {@code max-lag} events behind live gets a
     * {@code slow_consumer} error (seq {@link StreamEvent#UNSEQUENCED}) and completes.
     *
     * @throws UnknownStreamException when the stream does not exist (or its resume window passed)
     */
    Multi<StreamEvent> read(String streamId, long afterSeq);

    /** Every event stored so far, or empty when the stream is unknown. */
    Uni<Optional<List<StreamEvent>>> events(String streamId);

    /**
     * Erases the stream's events at once (erasure of a session), before its resume window ends;
     * afterwards the stream is unknown. Callers end a running stream first. Unknown ids are ignored.
     */
    Uni<Void> delete(String streamId);
}
