package dev.sluice.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.session.Session;
import dev.sluice.session.SessionStore;
import dev.sluice.session.Turn;
import dev.sluice.session.UnknownSessionException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Sessions in Redis, one JSON document per session. A session past its expiry is absent to every
 * method at once; its key lives {@link #PURGE_GRACE_MILLIS} longer so that the retention purge (on
 * any replica, exactly one wins) can hand it over for erasure of its journals and audit records,
 * and Redis drops it by itself if no purge ran. A change reads the document, applies itself and
 * writes back only if the document is still the one it read (a compare-and-set script), retrying
 * on a concurrent change: every method stays atomic per session across replicas.
 */
@ApplicationScoped
@Typed(RedisSessionStore.class)
public class RedisSessionStore implements SessionStore {

    /** KEYS[1] document; ARGV: expected JSON, new JSON, TTL ms. Returns 1 when written. */
    private static final String COMPARE_AND_SET = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """;
    /** KEYS[1] document; ARGV: new JSON, TTL ms, now. Creates unless a live session holds the id. */
    private static final String CREATE = """
            local v = redis.call('GET', KEYS[1])
            if v and cjson.decode(v).expiresAt > tonumber(ARGV[3]) then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1
            """;
    /** KEYS[1] document, KEYS[2] index; ARGV: now, id. Removes it; 1 when it was live, 0 when expired or absent. */
    private static final String DELETE = """
            local v = redis.call('GET', KEYS[1])
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[2])
            if v and cjson.decode(v).expiresAt > tonumber(ARGV[1]) then return 1 end
            return 0
            """;
    /** KEYS[1] document, KEYS[2] index; ARGV: now, id. Takes the document when it has expired (for the purge). */
    private static final String TAKE_EXPIRED = """
            local v = redis.call('GET', KEYS[1])
            if not v then redis.call('ZREM', KEYS[2], ARGV[2]) return false end
            if cjson.decode(v).expiresAt > tonumber(ARGV[1]) then return false end
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[2])
            return v
            """;
    private static final int ATTEMPTS = 16;
    /** How long an expired session's document stays for the purge to erase what it left. */
    static final long PURGE_GRACE_MILLIS = java.time.Duration.ofMinutes(10).toMillis();

    private final Redis redis;
    private final RedisKeys keys;
    private final RedisAvailability availability;
    private final ObjectMapper mapper;

    @Inject
    RedisSessionStore(Redis redis, RedisStoreConfig config, RedisAvailability availability, ObjectMapper mapper) {
        this(redis, new RedisKeys(config.keyPrefix()), availability, mapper);
    }

    public RedisSessionStore(Redis redis, RedisKeys keys, RedisAvailability availability, ObjectMapper mapper) {
        this.redis = redis;
        this.keys = keys;
        this.availability = availability;
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    @Override
    public Uni<Boolean> create(Session session) {
        long ttl = session.expiresAt() - System.currentTimeMillis();
        if (ttl <= 0) {
            return Uni.createFrom().item(false);
        }
        return send(Request.cmd(Command.EVAL).arg(CREATE).arg(1).arg(keys.session(session.id()))
                .arg(encode(session)).arg(ttl + PURGE_GRACE_MILLIS).arg(System.currentTimeMillis()))
                .map(reply -> reply != null && reply.toLong() == 1)
                .invoke(created -> {
                    if (created) {
                        index(session);
                    }
                });
    }

    @Override
    public Uni<Optional<Session>> find(String id) {
        return read(id).map(found -> found.map(Read::session));
    }

    @Override
    public Uni<Optional<Session>> appendTurns(String id, List<Turn> turns, int maxTurns) {
        return update(id, session -> {
            List<Turn> history = new ArrayList<>(session.history());
            history.addAll(turns);
            int excess = history.size() - Math.max(0, maxTurns);
            return session.withHistory(excess > 0 ? history.subList(excess, history.size()) : history);
        }, true, ATTEMPTS);
    }

    @Override
    public Uni<Boolean> touch(String id) {
        return update(id, session -> session, true, ATTEMPTS).map(Optional::isPresent);
    }

    @Override
    public Uni<Optional<String>> swapActiveStream(String id, String streamId, int maxStreams) {
        AtomicReference<String> previous = new AtomicReference<>();
        return update(id, session -> {
            previous.set(session.activeStream());
            List<String> streams = new ArrayList<>(session.streams());
            streams.add(streamId);
            int excess = streams.size() - Math.max(1, maxStreams);
            return session.withStreams(excess > 0 ? streams.subList(excess, streams.size()) : streams, streamId);
        }, true, ATTEMPTS).map(updated -> {
            if (updated.isEmpty()) {
                throw new UnknownSessionException(id);
            }
            return Optional.ofNullable(previous.get());
        });
    }

    @Override
    public Uni<Void> clearActiveStream(String id, String streamId) {
        return update(id, session -> Objects.equals(session.activeStream(), streamId)
                ? session.withStreams(session.streams(), null) : session, true, ATTEMPTS).replaceWithVoid();
    }

    @Override
    public Uni<Boolean> delete(String id) {
        return send(Request.cmd(Command.EVAL).arg(DELETE).arg(2).arg(keys.session(id)).arg(keys.sessionIndex())
                .arg(System.currentTimeMillis()).arg(id))
                .map(reply -> reply != null && reply.toLong() == 1);
    }

    /** Takes the sessions whose expiry passed (the index says which), each by one replica only. */
    @Override
    public Uni<List<Session>> purgeExpired(long nowMillis) {
        return send(Request.cmd(Command.ZRANGEBYSCORE).arg(keys.sessionIndex()).arg("-inf").arg(nowMillis)
                .arg("LIMIT").arg(0).arg(1000))
                .chain(reply -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; reply != null && i < reply.size(); i++) {
                        ids.add(reply.get(i).toString());
                    }
                    return io.smallrye.mutiny.Multi.createFrom().iterable(ids)
                            .onItem().transformToUniAndConcatenate(id -> send(Request.cmd(Command.EVAL)
                                    .arg(TAKE_EXPIRED).arg(2).arg(keys.session(id)).arg(keys.sessionIndex())
                                    .arg(nowMillis).arg(id)))
                            .filter(java.util.Objects::nonNull)
                            .map(taken -> decode(taken.toString()))
                            .collect().asList();
                });
    }

    @Override
    public Uni<Long> count() {
        return send(Request.cmd(Command.ZCOUNT).arg(keys.sessionIndex()).arg("(" + System.currentTimeMillis())
                .arg("+inf")).map(reply -> reply == null ? 0L : reply.toLong());
    }

    private record Read(String json, Session session) {}

    private Uni<Optional<Read>> read(String id) {
        return send(Request.cmd(Command.GET).arg(keys.session(id))).map(reply -> {
            if (reply == null) {
                return Optional.<Read>empty();
            }
            Session session = decode(reply.toString());
            return session.expired(System.currentTimeMillis()) ? Optional.<Read>empty()
                    : Optional.of(new Read(reply.toString(), session));
        });
    }

    /** Applies {@code change} (refreshing the TTL when {@code touch}); empty when the session is absent. */
    private Uni<Optional<Session>> update(String id, UnaryOperator<Session> change, boolean touch, int attempts) {
        return read(id).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Session>empty());
            }
            long now = System.currentTimeMillis();
            Session changed = change.apply(found.get().session());
            Session updated = touch ? changed.touched(now) : changed;
            long ttl = updated.expiresAt() - now;
            if (ttl <= 0) {
                return Uni.createFrom().item(Optional.<Session>empty());
            }
            return send(Request.cmd(Command.EVAL).arg(COMPARE_AND_SET).arg(1).arg(keys.session(id))
                    .arg(found.get().json()).arg(encode(updated)).arg(ttl + PURGE_GRACE_MILLIS))
                    .chain(reply -> {
                        if (reply != null && reply.toLong() == 1) {
                            index(updated);
                            return Uni.createFrom().item(Optional.of(updated));
                        }
                        if (attempts <= 1) {
                            return Uni.createFrom().failure(new IllegalStateException(
                                    "session changed concurrently too often"));
                        }
                        return update(id, change, touch, attempts - 1);
                    });
        });
    }

    private void index(Session session) {
        send(Request.cmd(Command.ZADD).arg(keys.sessionIndex()).arg(session.expiresAt()).arg(session.id()))
                .subscribe().with(ok -> { }, failure -> { });
    }

    private Uni<Response> send(Request request) {
        return availability.guard(redis.send(request)).onFailure().transform(failure -> RedisAvailability.unavailable());
    }

    private String encode(Session session) {
        try {
            return mapper.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("session not serialisable", e);
        }
    }

    private Session decode(String json) {
        try {
            return mapper.readValue(json, Session.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable session document", e);
        }
    }
}
