package dev.sluice.ops.meters;

import java.time.Duration;
import java.util.Arrays;

/**
 * Histogram bucket bounds of Sluice's latency timers, the points between which the Grafana
 * dashboard's and the alerts' {@code histogram_quantile} interpolate (helm/sluice/dashboards).
 *
 * <p>Explicit bounds instead of Micrometer's percentile histogram: that one has 69 buckets from
 * 1 ms to 30 s on every provider × model × transport series, and puts all of Sluice's own
 * overhead (mostly well under a millisecond) into its first bucket, where a quantile says
 * nothing. These give 13-16 buckets each, dense where each measurement usually lies. A value
 * above the last bound lands in {@code +Inf}: a quantile there reads as the last bound.
 */
public final class LatencyBuckets {

    /** Time to first token, client-side and upstream: tens of milliseconds to tens of seconds. */
    public static final Duration[] FIRST_TOKEN =
            millis(5, 10, 25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000);

    /** Gap between tokens: bursts under a millisecond to multi-second stalls. */
    public static final Duration[] TOKEN_GAP =
            millis(1, 2, 5, 10, 15, 20, 30, 50, 75, 100, 150, 250, 500, 1000, 2500);

    /** Sluice's own time per token: tens of microseconds normally, milliseconds when loaded. */
    public static final Duration[] OVERHEAD = micros(50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000,
            100000, 250000, 1000000);

    /** Delay of a follower on another replica behind the producer (Redis store). */
    public static final Duration[] FOLLOWER_LAG =
            millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000);

    private LatencyBuckets() {
    }

    private static Duration[] millis(long... bounds) {
        return Arrays.stream(bounds).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }

    private static Duration[] micros(long... bounds) {
        return Arrays.stream(bounds).mapToObj(b -> Duration.ofNanos(b * 1000)).toArray(Duration[]::new);
    }
}
