package dev.sluice.store.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ops.StreamMetrics;
import dev.sluice.store.contract.StoreFixtures;
import dev.sluice.store.memory.MemoryStreamJournal;
import dev.sluice.stream.journal.JournalConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;

/**
 * One Sluice replica's Redis store, built by hand for the contract tests: its own connection
 * pool, availability monitor, memory journal and Redis journal, registry and rate limiter.
 */
final class RedisReplica implements AutoCloseable {

    static final RedisKeys KEYS = new RedisKeys("sluice-test:");
    /** Short, so that a replica that stops beating counts as dead within a test's patience. */
    static final Duration HEARTBEAT_TTL = Duration.ofSeconds(1);

    final Redis redis;
    final RedisAvailability availability;
    final MemoryStreamJournal local;
    final RedisStreamJournal journal;
    final RedisStreamRegistry registry;
    final RedisRateLimiter limiter;
    /** This replica's meters (the follower lag among them). */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    RedisReplica(Vertx vertx, String url, Duration rateWindow) {
        this(vertx, url, rateWindow, KEYS);
    }

    /** A replica writing under {@code keys}: the application's prefix makes it a peer of a running Sluice. */
    RedisReplica(Vertx vertx, String url, Duration rateWindow, RedisKeys keys) {
        this(vertx, url, rateWindow, keys, StoreFixtures.journalConfig());
    }

    /** A replica with its own journal bounds (a peer of a running Sluice keeps that Sluice's). */
    RedisReplica(Vertx vertx, String url, Duration rateWindow, RedisKeys keys, JournalConfig bounds) {
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
                .setMaxPoolWaiting(256));
        io.vertx.core.Vertx core = vertx.getDelegate();
        availability = new RedisAvailability(redis, Duration.ofMillis(100), Duration.ofSeconds(2), core);
        local = new MemoryStreamJournal(bounds, new StreamMetrics(meters));
        journal = new RedisStreamJournal(local, redis, keys, new RedisEventCodec(new ObjectMapper()), availability,
                core, 64, Duration.ofMillis(200), Duration.ofMillis(50), bounds.maxEvents(), bounds.resumeWindow(),
                HEARTBEAT_TTL, meters);
        registry = new RedisStreamRegistry(redis, keys, availability, core,
                StoreFixtures.journalConfig().resumeWindow(), Duration.ofMillis(50));
        limiter = new RedisRateLimiter(redis, keys, availability, rateWindow);
    }

    @Override
    public void close() {
        journal.stop();
        registry.stop();
        availability.stop();
        redis.close();
    }
}
