package dev.sluice.store.redis;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This replica's sign of life in Redis: {@code replica:<id>} with a short TTL, set again four
 * times per TTL. Every stream produced here names this replica ({@code producer:<stream>}, written
 * by its mirror), so a follower elsewhere can tell a producer that is only quiet (its upstream is
 * slow) from one that is gone (killed, out of memory, its node lost): the key expires within a
 * TTL of the death, and followers end their copies then, instead of when the stream's journal
 * expires, minutes later.
 */
final class RedisReplicaHeartbeat {

    private final Redis redis;
    private final RedisKeys keys;
    private final String replicaId;
    private final long ttlMillis;
    private final io.vertx.core.Vertx vertx;
    private final long timer;

    RedisReplicaHeartbeat(Redis redis, RedisKeys keys, long ttlMillis, io.vertx.core.Vertx vertx) {
        this.redis = redis;
        this.keys = keys;
        this.ttlMillis = ttlMillis;
        this.vertx = vertx;
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.replicaId = HexFormat.of().formatHex(random);
        this.timer = vertx.setPeriodic(Math.max(1, ttlMillis / 4), t -> beat());
        beat();
    }

    String replicaId() {
        return replicaId;
    }

    long ttlMillis() {
        return ttlMillis;
    }

    /**
     * The command that says this replica is alive. A stream's mirror sends it in its first batch,
     * before the {@code producer:} key that names this replica, so that no follower sees the name
     * before the sign of life.
     */
    Request beatRequest() {
        return Request.cmd(Command.SET).arg(keys.replica(replicaId)).arg("1").arg("PX").arg(ttlMillis);
    }

    private void beat() {
        // A failed beat is not reported: the availability ping already watches the connection,
        // and a follower waits two beats' time before it takes a missing key for a death.
        redis.send(beatRequest()).subscribe().with(ok -> {}, failure -> {});
    }

    void stop() {
        vertx.cancelTimer(timer);
    }
}
