package dev.sluice.store.redis;

import dev.sluice.stream.journal.JournalConfig;
import dev.sluice.stream.registry.StreamRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Ownership in Redis ({@code owner:<id>} = tenant, with the journal's lifetime), cached on each
 * replica once known, and cancels over the {@code cancel} pub/sub channel: every replica
 * subscribes, and the one running the stream cancels it. The subscription reconnects by itself
 * when Redis comes back.
 */
@ApplicationScoped
@Typed(RedisStreamRegistry.class)
public class RedisStreamRegistry implements StreamRegistry {

    private static final Logger LOG = Logger.getLogger(RedisStreamRegistry.class);

    private final Redis redis;
    private final RedisKeys keys;
    private final RedisAvailability availability;
    private final io.vertx.core.Vertx vertx;
    private final long runningTtlMillis;
    private final long retentionMillis;
    private final long resumeWindowMillis;
    private final long retryMillis;
    private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();
    private volatile Consumer<String> cancelHandler = id -> { };
    private volatile RedisConnection subscriber;
    private volatile boolean stopped;
    private volatile boolean subscribed;
    /** Guarded by this: a connection for the subscription is being opened. */
    private boolean connecting;

    @Inject
    RedisStreamRegistry(Redis redis, RedisStoreConfig config, JournalConfig journal, RedisAvailability availability,
                        io.vertx.core.Vertx vertx) {
        this(redis, new RedisKeys(config.keyPrefix()), availability, vertx, journal.resumeWindow(),
                config.retryDelay());
    }

    public RedisStreamRegistry(Redis redis, RedisKeys keys, RedisAvailability availability, io.vertx.core.Vertx vertx,
                               Duration resumeWindow, Duration retryDelay) {
        this.redis = redis;
        this.keys = keys;
        this.availability = availability;
        this.vertx = vertx;
        this.retentionMillis = resumeWindow.plusMinutes(1).toMillis();
        this.resumeWindowMillis = Math.max(1, resumeWindow.toMillis());
        this.runningTtlMillis = Math.max(resumeWindow.toMillis() * 2, Duration.ofMinutes(10).toMillis());
        this.retryMillis = Math.max(1, retryDelay.toMillis());
    }

    @Override
    public Uni<Void> register(String streamId, String tenant) {
        owners.put(streamId, tenant);
        return availability.guard(redis.send(Request.cmd(Command.SET).arg(keys.owner(streamId)).arg(tenant)
                        .arg("PX").arg(runningTtlMillis)))
                .replaceWithVoid()
                .onFailure().transform(failure -> RedisAvailability.unavailable());
    }

    @Override
    public Optional<String> cachedOwner(String streamId) {
        return streamId == null ? Optional.empty() : Optional.ofNullable(owners.get(streamId));
    }

    @Override
    public Uni<Optional<String>> owner(String streamId) {
        Optional<String> cached = cachedOwner(streamId);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached);
        }
        return availability.guard(redis.send(Request.cmd(Command.GET).arg(keys.owner(streamId))))
                .onFailure().transform(failure -> RedisAvailability.unavailable())
                .map(reply -> {
                    if (reply == null) {
                        return Optional.<String>empty();
                    }
                    String tenant = reply.toString();
                    if (owners.putIfAbsent(streamId, tenant) == null) {
                        vertx.setTimer(retentionMillis, t -> owners.remove(streamId));
                    }
                    return Optional.of(tenant);
                });
    }

    @Override
    public void ended(String streamId) {
        // In Redis the owner goes with the journal's resume window (a little before the journal,
        // which is mirrored later), so a stream is never owned without events to serve.
        availability.guard(redis.send(Request.cmd(Command.PEXPIRE).arg(keys.owner(streamId)).arg(resumeWindowMillis)))
                .subscribe().with(ok -> { }, failure -> { });
        vertx.setTimer(retentionMillis, t -> owners.remove(streamId));
    }

    @Override
    public Uni<Void> requestCancel(String streamId) {
        return availability.guard(redis.send(Request.cmd(Command.PUBLISH).arg(keys.cancelChannel()).arg(streamId)))
                .replaceWithVoid()
                .onFailure().transform(failure -> RedisAvailability.unavailable());
    }

    @Override
    public void onCancelRequested(Consumer<String> handler) {
        this.cancelHandler = handler;
        subscribe();
    }

    /** Whether the cancel channel is subscribed (for tests that must not publish before it is). */
    public boolean subscribed() {
        return subscribed;
    }

    @Override
    public Uni<Boolean> readElsewhere(String streamId) {
        return availability.guard(redis.send(Request.cmd(Command.EXISTS).arg(keys.readers(streamId))))
                .map(reply -> reply != null && reply.toLong() > 0)
                .onFailure().recoverWithItem(false);
    }

    private void subscribe() {
        synchronized (this) {
            if (stopped || connecting || subscriber != null) {
                return;
            }
            connecting = true;
        }
        redis.connect().subscribe().with(connection -> {
            synchronized (this) {
                connecting = false;
                subscriber = connection;
            }
            connection.handler(this::onMessage);
            connection.exceptionHandler(failure -> resubscribe(connection));
            connection.endHandler(() -> resubscribe(connection));
            connection.send(Request.cmd(Command.SUBSCRIBE).arg(keys.cancelChannel())).subscribe().with(
                    ok -> subscribed = true,
                    failure -> resubscribe(connection));
        }, failure -> {
            synchronized (this) {
                connecting = false;
            }
            vertx.setTimer(retryMillis, t -> subscribe());
        });
    }

    /** The subscription's connection failed or closed: a new one subscribes again after a pause. */
    private void resubscribe(RedisConnection connection) {
        synchronized (this) {
            // Closing the subscription at shutdown ends the connection too: nothing to renew then.
            if (stopped || subscriber != connection) {
                return;
            }
            subscriber = null;
            subscribed = false;
        }
        connection.close().subscribe().with(ok -> { }, failure -> { });
        LOG.debug("cancel subscription lost; subscribing again");
        vertx.setTimer(retryMillis, t -> subscribe());
    }

    private void onMessage(Response message) {
        try {
            if (message.size() >= 3 && "message".equals(message.get(0).toString())) {
                cancelHandler.accept(message.get(2).toString());
            }
        } catch (RuntimeException e) {
            LOG.warnf("unreadable cancel message: %s", e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        RedisConnection connection = subscriber;
        if (connection != null) {
            connection.close().subscribe().with(ok -> { }, failure -> { });
        }
    }
}
