package dev.sluice.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** How a replica drains on SIGTERM (DESIGN §8, README "Scale-out"). */
@ConfigMapping(prefix = "sluice.shutdown")
public interface DrainConfig {

    /**
     * How long running generations may go on after SIGTERM before they end with a retryable
     * {@code error: shutdown}. Kubernetes' {@code terminationGracePeriodSeconds} must be longer
     * (plus {@link #flushTimeout()} and {@code quarkus.shutdown.timeout}).
     */
    @WithName("drain-timeout")
    @WithDefault("30s")
    Duration drainTimeout();

    /** After the last stream ended: how long subscribers may take to receive its terminal event. */
    @WithName("flush-timeout")
    @WithDefault("3s")
    Duration flushTimeout();
}
