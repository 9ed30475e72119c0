package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The run cut into 100 ms buckets: how many gaps ended in each, how many of them were late
 * (longer than the pacing plus a tolerance) and the longest. A p99 says how many gaps were
 * late, the timeline says when, so late gaps can be laid beside a GC or JIT log (the bucket's
 * wall-clock time is written with it). The warm-up is recorded too, and marked: a recording
 * path first taken when measurement starts would be compiled just then and disturb it.
 */
final class GapTimeline {

    static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long startNanos;
    private final long startEpochMillis;
    private final int firstMeasured;
    private final long lateNanos;
    private final AtomicLongArray gaps;
    private final AtomicLongArray late;
    private final AtomicLongArray longest;

    /** Buckets from {@code beginNanos} (the warm-up's start) to {@code endNanos}; measurement starts at {@code measureNanos}. */
    GapTimeline(long beginNanos, long measureNanos, long endNanos, long lateNanos) {
        this.startNanos = beginNanos;
        this.startEpochMillis = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(beginNanos - System.nanoTime());
        this.firstMeasured = (int) ((measureNanos - beginNanos) / BUCKET_NANOS);
        this.lateNanos = lateNanos;
        int buckets = (int) ((endNanos - beginNanos) / BUCKET_NANOS) + 1;
        this.gaps = new AtomicLongArray(buckets);
        this.late = new AtomicLongArray(buckets);
        this.longest = new AtomicLongArray(buckets);
    }

    void record(long nowNanos, long gapNanos) {
        int bucket = (int) ((nowNanos - startNanos) / BUCKET_NANOS);
        if (bucket < 0 || bucket >= gaps.length()) {
            return;
        }
        gaps.incrementAndGet(bucket);
        if (gapNanos > lateNanos) {
            late.incrementAndGet(bucket);
        }
        longest.accumulateAndGet(bucket, gapNanos, Math::max);
    }

    /** CSV: epoch millis of the bucket's start, whether it was measured, gaps, late gaps, longest gap in ms. */
    void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder("epoch_ms,measured,gaps,late,max_ms\n");
        for (int i = 0; i < gaps.length(); i++) {
            out.append(startEpochMillis + i * TimeUnit.NANOSECONDS.toMillis(BUCKET_NANOS)).append(',')
                    .append(i >= firstMeasured ? 1 : 0).append(',')
                    .append(gaps.get(i)).append(',').append(late.get(i)).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", longest.get(i) / 1e6)).append('\n');
        }
        Files.writeString(file, out);
    }
}
