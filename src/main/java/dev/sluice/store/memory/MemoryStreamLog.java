package dev.sluice.store.memory;

import dev.sluice.model.StreamEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The events of one stream held in memory, and the readers following it live. */
final class MemoryStreamLog {

    final String streamId;
    private final CompactEventList events;
    private final List<MemoryJournalReader> readers = new CopyOnWriteArrayList<>();
    private long bytes;
    private volatile long lastSeq = -1;
    private volatile boolean ended;
    private volatile long endedAtNanos;

    MemoryStreamLog(String streamId) {
        this.streamId = streamId;
        this.events = new CompactEventList(streamId);
    }

    /** Stores the event; the caller checked bounds. Returns false when the stream already ended. */
    boolean add(StreamEvent event, long size) {
        synchronized (this) {
            if (ended) {
                return false;
            }
            if (event.seq() != lastSeq + 1) {
                throw new IllegalStateException("out-of-order append: seq " + event.seq() + " after " + lastSeq);
            }
            events.add(event);
            bytes += size;
            lastSeq = event.seq();
            if (event.terminal()) {
                endedAtNanos = System.nanoTime();
                ended = true;
            }
        }
        for (MemoryJournalReader reader : readers) {
            reader.onAppend(lastSeq);
        }
        return true;
    }

    synchronized StreamEvent get(long seq) {
        return seq >= 0 && seq <= lastSeq ? events.get((int) seq) : null;
    }

    synchronized List<StreamEvent> snapshot() {
        StreamEvent[] copy = new StreamEvent[events.size()];
        for (int seq = 0; seq < copy.length; seq++) {
            copy[seq] = events.get(seq);
        }
        return List.of(copy);
    }

    synchronized int size() {
        return events.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    long lastSeq() {
        return lastSeq;
    }

    boolean ended() {
        return ended;
    }

    long endedAtNanos() {
        return endedAtNanos;
    }

    void addReader(MemoryJournalReader reader) {
        readers.add(reader);
    }

    void removeReader(MemoryJournalReader reader) {
        readers.remove(reader);
    }
}
