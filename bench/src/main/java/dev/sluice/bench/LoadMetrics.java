package dev.sluice.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Everything measured at the client, shared by all event loops. Latencies are recorded in
 * microseconds; only what happens inside the measurement window is counted.
 */
final class LoadMetrics {

    private static final long MAX_MICROS = 3_600_000_000L;

    final Histogram timeToFirstToken = new ConcurrentHistogram(MAX_MICROS, 3);
    final Histogram interTokenGap = new ConcurrentHistogram(MAX_MICROS, 3);
    final LongAdder tokens = new LongAdder();
    /** Encoded bytes of the content the tokens carried, where the client reads them (the proxy bench's OpenAI legs). */
    final LongAdder contentBytes = new LongAdder();
    final LongAdder streamsOpened = new LongAdder();
    final LongAdder streamsCompleted = new LongAdder();
    final LongAdder openStreams = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final Map<String, String> firstErrorDetail = new ConcurrentHashMap<>();

    /** Where each gap is also placed in time, or null when no timeline was asked for. */
    final GapTimeline timeline;

    LoadMetrics(GapTimeline timeline) {
        this.timeline = timeline;
    }

    void recordTimeToFirstToken(long nanos) {
        timeToFirstToken.recordValue(Math.max(0, nanos / 1_000));
    }

    void recordGap(long nanos, long nowNanos) {
        interTokenGap.recordValue(Math.max(0, nanos / 1_000));
        GapTimeline t = timeline;
        if (t != null) {
            t.record(nowNanos, nanos);
        }
    }

    /** Counts an error by kind and keeps the first example of each kind for the report. */
    void error(String kind, String detail) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (detail != null) {
            firstErrorDetail.putIfAbsent(kind, detail.length() > 300 ? detail.substring(0, 300) : detail);
        }
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
