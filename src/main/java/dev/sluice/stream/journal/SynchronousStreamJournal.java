package dev.sluice.stream.journal;

import dev.sluice.model.StreamEvent;
import io.smallrye.mutiny.Uni;

/**
 * A journal whose appends complete before they return (memory, and Redis, which appends to the
 * local copy and mirrors later): {@link #append} is {@link #appendNow} wrapped in a Uni, and the
 * producer calls {@link #appendNow} inline.
 */
public interface SynchronousStreamJournal extends StreamJournal {

    Uni<Void> APPENDED = Uni.createFrom().voidItem();

    @Override
    void appendNow(StreamEvent event);

    @Override
    default boolean appendsSynchronously() {
        return true;
    }

    @Override
    default Uni<Void> append(StreamEvent event) {
        try {
            appendNow(event);
            return APPENDED;
        } catch (JournalFullException full) {
            return Uni.createFrom().failure(full);
        }
    }
}
