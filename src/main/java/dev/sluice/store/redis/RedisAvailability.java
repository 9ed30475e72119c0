package dev.sluice.store.redis;

import dev.sluice.store.StoreStatus;
import dev.sluice.store.StoreUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Whether Redis answers, from a periodic {@code PING} and from the failures the store's own
 * commands report. New streams are refused while it is down; readiness reports it; it comes back
 * by itself with the first successful ping, without a restart.
 */
@ApplicationScoped
@Typed(RedisAvailability.class)
public class RedisAvailability implements StoreStatus {

    private static final Logger LOG = Logger.getLogger(RedisAvailability.class);

    private final Redis redis;
    private final Duration timeout;
    private final io.vertx.core.Vertx vertx;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicBoolean pinging = new AtomicBoolean();
    private final long timer;
    private volatile String lastFailure = "";
    /** Counts the times Redis came back: writers that saw an older epoch check what Redis still holds. */
    private final java.util.concurrent.atomic.AtomicLong epoch = new java.util.concurrent.atomic.AtomicLong();

    @Inject
    RedisAvailability(Redis redis, RedisStoreConfig config, io.vertx.core.Vertx vertx) {
        this(redis, config.pingInterval(), config.timeout(), vertx);
    }

    public RedisAvailability(Redis redis, Duration pingInterval, Duration timeout, io.vertx.core.Vertx vertx) {
        this.redis = redis;
        this.timeout = timeout;
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(Math.max(50, pingInterval.toMillis()), t -> ping());
        ping();
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public boolean available() {
        return up.get();
    }

    @Override
    public String detail() {
        return up.get() ? "redis: up" : "redis: unavailable (" + lastFailure + ")";
    }

    /** Incremented each time Redis becomes available again after an outage. */
    public long epoch() {
        return epoch.get();
    }

    /** Fails fast, before a command waits for a Redis that is known to be away. */
    public void requireAvailable() {
        if (!up.get()) {
            throw unavailable();
        }
    }

    public static StoreUnavailableException unavailable() {
        return new StoreUnavailableException("The gateway's shared store (Redis) is unavailable; new streams "
                + "cannot start. Retry shortly.");
    }

    /** A command of the store failed: Redis counts as away until the next successful ping. */
    public void reportFailure(Throwable failure) {
        lastFailure = failure.getClass().getSimpleName();
        if (up.compareAndSet(true, false)) {
            LOG.warnf("Redis became unavailable (%s: %s); new streams are refused until it answers again",
                    lastFailure, failure.getMessage());
        }
    }

    /** Runs a command with the store's timeout, reporting a failure to this availability. */
    public <T> Uni<T> guard(Uni<T> command) {
        return command.ifNoItem().after(timeout).fail()
                .onFailure().invoke(this::reportFailure);
    }

    private void ping() {
        if (!pinging.compareAndSet(false, true)) {
            return;
        }
        redis.send(Request.cmd(Command.PING)).ifNoItem().after(timeout).fail().subscribe().with(
                ok -> {
                    pinging.set(false);
                    if (up.compareAndSet(false, true)) {
                        epoch.incrementAndGet();
                        LOG.info("Redis is available again");
                    }
                },
                failure -> {
                    pinging.set(false);
                    reportFailure(failure);
                });
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(timer);
    }
}
