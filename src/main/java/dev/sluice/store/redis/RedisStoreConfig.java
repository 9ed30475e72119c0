package dev.sluice.store.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** How Sluice uses Redis when {@code sluice.store=redis}; the connection itself is {@code quarkus.redis.*}. */
@ConfigMapping(prefix = "sluice.redis")
public interface RedisStoreConfig {

    /** Prefix of every key and channel Sluice writes, so several deployments can share one Redis. */
    @WithName("key-prefix")
    @WithDefault("sluice:")
    String keyPrefix();

    /** How often this replica pings Redis; a failed ping turns readiness DOWN until one succeeds. */
    @WithName("ping-interval")
    @WithDefault("1s")
    Duration pingInterval();

    /** How long a command may take before Redis counts as unavailable. */
    @WithName("timeout")
    @WithDefault("2s")
    Duration timeout();

    /** Most events one pipelined write to a stream carries. */
    @WithName("mirror-batch")
    @WithDefault("256")
    int mirrorBatch();

    /** How long a follower's {@code XREAD BLOCK} waits for new events before it looks again. */
    @WithName("read-block")
    @WithDefault("1s")
    Duration readBlock();

    /**
     * How long this replica's heartbeat key lives; it is set again four times per TTL. Once a
     * producer's key has expired, a follower waits half a TTL more (its own setting) before it
     * counts the producer as dead and ends the stream's copy; all replicas should share the value.
     */
    @WithName("heartbeat-ttl")
    @WithDefault("10s")
    Duration heartbeatTtl();

    /** Pause before a failed write or read is tried again while Redis is away. */
    @WithName("retry-delay")
    @WithDefault("250ms")
    Duration retryDelay();
}
