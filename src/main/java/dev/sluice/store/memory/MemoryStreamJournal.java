package dev.sluice.store.memory;

import dev.sluice.ops.StreamMetrics;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.journal.EventSize;
import dev.sluice.stream.journal.JournalConfig;
import dev.sluice.stream.journal.JournalFullException;
import dev.sluice.stream.journal.StreamJournal;
import dev.sluice.stream.journal.UnknownStreamException;
import io.quarkus.arc.DefaultBean;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The default journal: every stream's events on the heap of this replica, bounded. With
 * sluice.store=redis it stays the local copy the Redis journal wraps, hence a default bean.
 *
 * <p>Finished streams stay for their resume window, but the global byte budget comes first:
 * when it is reached, the streams that finished longest ago are dropped early to make room, and
 * only the running streams' own events can refuse a new stream. Before, finished streams kept
 * the budget full for the whole window (5 minutes by default), so a sustained load (about a
 * minute at 250 k tokens/s) had new streams refused while nothing was running out of memory.
 */
@DefaultBean
@ApplicationScoped
public class MemoryStreamJournal implements StreamJournal {

    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private final ConcurrentHashMap<String, MemoryStreamLog> logs = new ConcurrentHashMap<>();
    /** Finished streams in the order they finished: the resume window and the budget free them from the head. */
    private final ConcurrentLinkedQueue<MemoryStreamLog> finished = new ConcurrentLinkedQueue<>();
    private final AtomicLong globalBytes = new AtomicLong();
    private final JournalConfig config;
    private final StreamMetrics metrics;

    public MemoryStreamJournal(JournalConfig config, StreamMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public void open(String streamId) {
        if (globalBytes.get() >= config.globalMaxBytes() && !makeRoom(1)) {
            throw new JournalFullException("The gateway is at its memory budget for streams; try again shortly.");
        }
        logs.put(streamId, new MemoryStreamLog(streamId));
    }

    @Override
    public void append(StreamEvent event) {
        MemoryStreamLog log = log(event.streamId());
        long size = EventSize.of(event);
        if (log.size() >= config.maxEvents() - 1 || log.bytes() + size > config.maxBytes()) {
            throw new JournalFullException("stream journal bound reached");
        }
        if (globalBytes.get() + size > config.globalMaxBytes() && !makeRoom(size)) {
            throw new JournalFullException("global journal budget reached");
        }
        if (log.add(event, size)) {
            globalBytes.addAndGet(size);
            if (event.terminal()) {
                finished.add(log);
            }
        }
    }

    @Override
    public Uni<Void> appendTerminal(String streamId, LongFunction<StreamEvent> terminalAtSeq) {
        MemoryStreamLog log = logs.get(streamId);
        if (log == null) {
            return DONE;
        }
        synchronized (log) {
            if (!log.ended()) {
                StreamEvent terminal = terminalAtSeq.apply(log.lastSeq() + 1);
                long size = EventSize.of(terminal);
                log.add(terminal, size);
                globalBytes.addAndGet(size);
                finished.add(log);
            }
        }
        return DONE;
    }

    @Override
    public Multi<StreamEvent> read(String streamId, long afterSeq) {
        MemoryStreamLog log = log(streamId);
        return Multi.createFrom().publisher(subscriber ->
                new MemoryJournalReader(log, subscriber, afterSeq, config.maxLag(), metrics::slowConsumer).start());
    }

    @Override
    public Uni<Optional<List<StreamEvent>>> events(String streamId) {
        MemoryStreamLog log = logs.get(streamId);
        return Uni.createFrom().item(Optional.ofNullable(log).map(MemoryStreamLog::snapshot));
    }

    /** Whether this replica holds the stream (running or within its resume window). */
    public boolean knows(String streamId) {
        return logs.containsKey(streamId);
    }

    /** Whether the stream is held here and has not ended, so a non-terminal append would be stored. */
    public boolean accepts(String streamId) {
        MemoryStreamLog log = logs.get(streamId);
        return log != null && !log.ended();
    }

    @Override
    public Uni<Void> delete(String streamId) {
        MemoryStreamLog log = logs.remove(streamId);
        if (log != null) {
            globalBytes.addAndGet(-log.bytes());
            // an erased stream's events must not stay reachable from the queue until its window ends
            // (a linear scan, but deletes are erasures, rare next to appends)
            finished.remove(log);
        }
        return DONE;
    }

    /** Finished streams still queued for the window or the budget to free (tests: an erased one is not). */
    int finishedQueued() {
        return finished.size();
    }

    /** Bytes held by all journals, for the budget and for tests of the bounds. */
    public long globalBytes() {
        return globalBytes.get();
    }

    /**
     * Frees streams whose resume window has passed: from the head of the finished queue, which is
     * in the order they finished, so a sweep touches only what it frees.
     */
    @Scheduled(every = "${sluice.journal.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evictExpired() {
        long now = System.nanoTime();
        long window = config.resumeWindow().toNanos();
        MemoryStreamLog oldest;
        while ((oldest = finished.peek()) != null && now - oldest.endedAtNanos() >= window) {
            if (finished.remove(oldest)) {
                free(oldest);
            }
        }
    }

    /**
     * Drops the streams that finished longest ago, before their resume window ends, until
     * {@code needed} more bytes fit the global budget; false when the finished streams alone
     * cannot make that room (the running ones hold the rest). A resume of a dropped stream is
     * answered as one past its window.
     */
    private boolean makeRoom(long needed) {
        MemoryStreamLog oldest;
        while (globalBytes.get() + needed > config.globalMaxBytes()) {
            if ((oldest = finished.poll()) == null) {
                return false;
            }
            if (free(oldest)) {
                metrics.journalEvicted();
            }
        }
        return true;
    }

    /** Removes a finished stream's log, if it is still held (a delete may have come first). */
    private boolean free(MemoryStreamLog log) {
        if (logs.remove(log.streamId, log)) {
            globalBytes.addAndGet(-log.bytes());
            return true;
        }
        return false;
    }

    private MemoryStreamLog log(String streamId) {
        MemoryStreamLog log = logs.get(streamId);
        if (log == null) {
            throw new UnknownStreamException(streamId);
        }
        return log;
    }
}
