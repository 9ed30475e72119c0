package dev.sluice.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.audit.AuditRecord;
import dev.sluice.audit.AuditStore;
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

/**
 * Audit records of a session in Redis: one list per session, in the order appended. Records past
 * their own expiry are absent to every read at once; the key outlives its longest-lived record by
 * the sessions' purge grace, so that the retention purge erasing an expired session finds (and
 * counts) its records, and Redis drops the key by itself if no purge ran.
 */
@ApplicationScoped
@Typed(RedisAuditStore.class)
public class RedisAuditStore implements AuditStore {

    /** KEYS[1] list; ARGV: record JSON, its expiry (epoch ms). Keeps the later expiry of list and record. */
    private static final String APPEND = """
            redis.call('RPUSH', KEYS[1], ARGV[1])
            local current = redis.call('PEXPIRETIME', KEYS[1])
            if current < tonumber(ARGV[2]) then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
            return 1
            """;
    private static final String DELETE = """
            local n = redis.call('LLEN', KEYS[1])
            redis.call('DEL', KEYS[1])
            return n
            """;

    private final Redis redis;
    private final RedisKeys keys;
    private final RedisAvailability availability;
    private final ObjectMapper mapper;

    @Inject
    RedisAuditStore(Redis redis, RedisStoreConfig config, RedisAvailability availability, ObjectMapper mapper) {
        this(redis, new RedisKeys(config.keyPrefix()), availability, mapper);
    }

    public RedisAuditStore(Redis redis, RedisKeys keys, RedisAvailability availability, ObjectMapper mapper) {
        this.redis = redis;
        this.keys = keys;
        this.availability = availability;
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    @Override
    public Uni<Void> append(AuditRecord record) {
        if (record.expiresAt() <= System.currentTimeMillis()) {
            return Uni.createFrom().voidItem();
        }
        return send(Request.cmd(Command.EVAL).arg(APPEND).arg(1).arg(keys.audit(record.session()))
                .arg(encode(record)).arg(record.expiresAt() + RedisSessionStore.PURGE_GRACE_MILLIS)).replaceWithVoid();
    }

    @Override
    public Uni<List<AuditRecord>> listBySession(String sessionId) {
        return send(Request.cmd(Command.LRANGE).arg(keys.audit(sessionId)).arg(0).arg(-1)).map(reply -> {
            long now = System.currentTimeMillis();
            List<AuditRecord> records = new ArrayList<>();
            if (reply != null) {
                for (int i = 0; i < reply.size(); i++) {
                    AuditRecord record = decode(reply.get(i).toString());
                    if (record.expiresAt() > now) {
                        records.add(record);
                    }
                }
            }
            return List.copyOf(records);
        });
    }

    @Override
    public Uni<Long> deleteBySession(String sessionId) {
        return send(Request.cmd(Command.EVAL).arg(DELETE).arg(1).arg(keys.audit(sessionId)))
                .map(reply -> reply == null ? 0L : reply.toLong());
    }

    /** Lists expire with their last record and reads skip expired ones: nothing to purge here. */
    @Override
    public Uni<Long> purgeExpired(long nowMillis) {
        return Uni.createFrom().item(0L);
    }

    private Uni<Response> send(Request request) {
        return availability.guard(redis.send(request)).onFailure().transform(failure -> RedisAvailability.unavailable());
    }

    private String encode(AuditRecord record) {
        try {
            return mapper.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit record not serialisable", e);
        }
    }

    private AuditRecord decode(String json) {
        try {
            return mapper.readValue(json, AuditRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable audit record", e);
        }
    }
}
