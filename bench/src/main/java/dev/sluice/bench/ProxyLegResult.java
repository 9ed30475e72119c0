package dev.sluice.bench;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The figures of one leg: what the client measured in the window, and what the processes
 * spent in it (CPU seconds from {@code /proc/<pid>/stat}; -1 where unknown).
 *
 * @param order        the leg's place in the run (0-based)
 * @param mockTokens   tokens the mock wrote in the window (its own counter)
 * @param sluiceRssPeak the highest VmRSS sampled in the window, bytes
 * @param upstreamPeak  the most streams the mock had open at one of the window's samples (every 250 ms):
 *                      through Sluice, how many upstream requests it kept open at once
 * @param load1        the 1-minute load average at the end of the window
 */
record ProxyLegResult(
        int order,
        String workload,
        String leg,
        int round,
        long startedEpochMillis,
        double seconds,
        long tokens,
        long contentBytes,
        long streamsOpened,
        long streamsCompleted,
        Histogram ttft,
        Histogram gap,
        Map<String, Long> errors,
        Map<String, String> errorExamples,
        double sluiceCpu,
        double mockCpu,
        long mockTokens,
        double clientCpu,
        long sluiceRssPeak,
        int upstreamPeak,
        double load1,
        boolean profiled) {

    boolean direct() {
        return leg.equals("direct");
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double tokensPerSecond() {
        return seconds <= 0 ? 0 : tokens / seconds;
    }
}
