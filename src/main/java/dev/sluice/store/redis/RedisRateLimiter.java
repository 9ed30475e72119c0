package dev.sluice.store.redis;

import dev.sluice.security.ratelimit.RateLimitStatus;
import dev.sluice.security.ratelimit.RateLimiter;
import dev.sluice.security.ratelimit.RateLimits;
import dev.sluice.security.ratelimit.RateWindow;
import dev.sluice.store.StoreUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rate limits shared by every replica: per key, a fixed window (a hash of requests and completion
 * tokens that expires with the window) and a counter of streams in flight, checked and counted
 * atomically by one Lua script. The script only counts (its checks are {@link RateWindow#verdict}'s,
 * in Lua so that checking and counting are one atomic step); what the counts mean, the status, the
 * refusal and its retry time, is {@link RateWindow}'s, as for the memory limiter.
 */
@ApplicationScoped
@Typed(RedisRateLimiter.class)
public class RedisRateLimiter implements RateLimiter {

    /**
     * Returns {verdict, requests, tokens, window ms left}; the verdict is the ordinal of a
     * {@link RateWindow.Verdict}: 0 admitted, 1 requests, 2 tokens, 3 concurrency.
     */
    private static final String ACQUIRE = """
            local r = tonumber(redis.call('HGET', KEYS[1], 'r') or '0')
            local t = tonumber(redis.call('HGET', KEYS[1], 't') or '0')
            local n = tonumber(redis.call('GET', KEYS[2]) or '0')
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then ttl = tonumber(ARGV[4]) end
            if tonumber(ARGV[1]) > 0 and r >= tonumber(ARGV[1]) then return {1, r, t, ttl} end
            if tonumber(ARGV[2]) > 0 and t >= tonumber(ARGV[2]) then return {2, r, t, ttl} end
            if tonumber(ARGV[3]) > 0 and n >= tonumber(ARGV[3]) then return {3, r, t, ttl} end
            redis.call('HINCRBY', KEYS[1], 'r', 1)
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
            redis.call('INCR', KEYS[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
            return {0, r + 1, t, ttl}
            """;

    private static final String RELEASE = """
            local n = tonumber(redis.call('GET', KEYS[2]) or '0')
            if n > 0 then redis.call('DECR', KEYS[2]) end
            if tonumber(ARGV[1]) > 0 then
              redis.call('HINCRBY', KEYS[1], 't', ARGV[1])
              if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            end
            return 1
            """;

    /** A slot of a replica that died is given back after this long at the latest. */
    private static final long CONCURRENT_TTL_MILLIS = Duration.ofHours(1).toMillis();

    private final Redis redis;
    private final RedisKeys keys;
    private final RedisAvailability availability;
    private final RateWindow window;
    private final long windowMillis;

    @Inject
    RedisRateLimiter(Redis redis, RedisStoreConfig config, RateWindow window, RedisAvailability availability) {
        this(redis, new RedisKeys(config.keyPrefix()), availability, window);
    }

    public RedisRateLimiter(Redis redis, RedisKeys keys, RedisAvailability availability, Duration window) {
        this(redis, keys, availability, new RateWindow(window));
    }

    private RedisRateLimiter(Redis redis, RedisKeys keys, RedisAvailability availability, RateWindow window) {
        this.redis = redis;
        this.keys = keys;
        this.availability = availability;
        this.window = window;
        this.windowMillis = window.lengthMillis();
    }

    @Override
    public Uni<Permit> acquire(String keyId, RateLimits limits) {
        if (!limits.rateLimited()) {
            return Uni.createFrom().item(new SharedPermit(null, RateLimitStatus.NONE));
        }
        try {
            availability.requireAvailable();
        } catch (StoreUnavailableException e) {
            return Uni.createFrom().failure(e);
        }
        Request script = Request.cmd(Command.EVAL).arg(ACQUIRE).arg(2).arg(keys.rateWindow(keyId))
                .arg(keys.rateConcurrent(keyId)).arg(limits.requestsPerMinute()).arg(limits.tokensPerMinute())
                .arg(limits.concurrentStreams()).arg(windowMillis).arg(CONCURRENT_TTL_MILLIS);
        return availability.guard(redis.send(script))
                .onFailure().transform(failure -> RedisAvailability.unavailable())
                .map(reply -> verdict(keyId, limits, reply));
    }

    private Permit verdict(String keyId, RateLimits limits, Response reply) {
        RateWindow.Verdict verdict = RateWindow.Verdict.values()[reply.get(0).toInteger()];
        long requests = reply.get(1).toLong();
        long tokens = reply.get(2).toLong();
        long resetMillis = reply.get(3).toLong();
        if (verdict != RateWindow.Verdict.ADMITTED) {
            throw window.refusal(verdict, limits, requests, tokens, resetMillis);
        }
        return new SharedPermit(keyId, RateWindow.status(limits, requests, tokens, resetMillis));
    }

    private final class SharedPermit implements Permit {

        private final String keyId;
        private final RateLimitStatus status;
        private final AtomicBoolean released = new AtomicBoolean();

        SharedPermit(String keyId, RateLimitStatus status) {
            this.keyId = keyId;
            this.status = status;
        }

        @Override
        public RateLimitStatus status() {
            return status;
        }

        /** Best effort: while Redis is away the slot comes back with the counter's expiry. */
        @Override
        public void release(long completionTokens) {
            if (keyId == null || !released.compareAndSet(false, true)) {
                return;
            }
            availability.guard(redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(2).arg(keys.rateWindow(keyId))
                            .arg(keys.rateConcurrent(keyId)).arg(Math.max(0, completionTokens)).arg(windowMillis)))
                    .subscribe().with(ok -> { }, failure -> { });
        }
    }
}
