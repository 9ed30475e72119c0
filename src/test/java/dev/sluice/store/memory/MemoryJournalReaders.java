package dev.sluice.store.memory;

import dev.sluice.model.Channel;
import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * Publishers of {@link MemoryJournalReader}s built as {@link MemoryStreamJournal#read} builds
 * them, for tests outside this package (the Reactive Streams TCK, {@code dev.sluice.tck}),
 * without the {@code Multi} around them: what they verify is the reader itself.
 */
public final class MemoryJournalReaders {

    private static final String STREAM = "tck";

    private MemoryJournalReaders() {}

    /**
     * A stream of {@code events} events (text deltas, the last one {@code done}), read from its
     * start by each subscriber. The first half is in the log already (replay); {@code appender}
     * appends the rest (live), so readers follow appends made on another thread.
     *
     * @param events at least 1
     */
    public static Flow.Publisher<StreamEvent> stream(int events, Executor appender) {
        MemoryStreamLog log = new MemoryStreamLog(STREAM);
        int replayed = events / 2;
        for (int seq = 0; seq < replayed; seq++) {
            append(log, seq, events);
        }
        appender.execute(() -> {
            for (int seq = replayed; seq < events; seq++) {
                append(log, seq, events);
            }
        });
        return reading(log, -1);
    }

    /** An ended stream read after its terminal event, as a resume after the end reads it: no events. */
    public static Flow.Publisher<StreamEvent> afterTheEnd() {
        MemoryStreamLog log = new MemoryStreamLog(STREAM);
        append(log, 0, 1);
        return reading(log, 0);
    }

    private static Flow.Publisher<StreamEvent> reading(MemoryStreamLog log, long afterSeq) {
        // as MemoryStreamJournal.read: a reader per subscriber; no subscriber here lags a whole log
        return subscriber -> new MemoryJournalReader(log, subscriber, afterSeq, Integer.MAX_VALUE, () -> { })
                .start();
    }

    private static void append(MemoryStreamLog log, long seq, int events) {
        StreamEvent event = seq == events - 1 ? new StreamEvent.Done(STREAM, seq, seq, FinishReason.STOP)
                : new StreamEvent.Text(STREAM, seq, seq, Channel.CONTENT, "t" + seq, 0);
        log.add(event, 1);
    }
}
