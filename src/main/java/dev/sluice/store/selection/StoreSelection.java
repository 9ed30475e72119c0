package dev.sluice.store.selection;

import dev.sluice.store.StoreConfig;
import dev.sluice.store.StoreStatus;
import dev.sluice.audit.AuditStore;
import dev.sluice.security.ratelimit.MemoryRateLimiter;
import dev.sluice.security.ratelimit.RateLimiter;
import dev.sluice.session.SessionStore;
import dev.sluice.store.memory.MemoryAuditStore;
import dev.sluice.store.memory.MemorySessionStore;
import dev.sluice.store.memory.MemoryStreamJournal;
import dev.sluice.store.memory.MemoryStreamRegistry;
import dev.sluice.store.redis.RedisAuditStore;
import dev.sluice.store.redis.RedisAvailability;
import dev.sluice.store.redis.RedisRateLimiter;
import dev.sluice.store.redis.RedisSessionStore;
import dev.sluice.store.redis.RedisStreamJournal;
import dev.sluice.store.redis.RedisStreamRegistry;
import dev.sluice.stream.journal.StreamJournal;
import dev.sluice.stream.registry.StreamRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Chooses the store's implementations at run time from {@code sluice.store}. The Redis beans are
 * only looked up (and so only created, and Redis only contacted) when {@code sluice.store=redis}.
 */
@ApplicationScoped
public class StoreSelection {

    private final boolean redis;

    StoreSelection(StoreConfig config) {
        String store = config.store();
        this.redis = switch (store.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "memory" -> false;
            case "redis" -> true;
            default -> throw new IllegalArgumentException("sluice.store must be 'memory' or 'redis', not '"
                    + store + "'");
        };
    }

    /** Whether the shared Redis store was chosen. */
    public boolean redis() {
        return redis;
    }

    @Produces
    @ApplicationScoped
    StreamJournal journal(MemoryStreamJournal memory, Instance<RedisStreamJournal> redisJournal) {
        return redis ? redisJournal.get() : memory;
    }

    @Produces
    @ApplicationScoped
    StreamRegistry registry(MemoryStreamRegistry memory, Instance<RedisStreamRegistry> redisRegistry) {
        return redis ? redisRegistry.get() : memory;
    }

    @Produces
    @ApplicationScoped
    RateLimiter rateLimiter(MemoryRateLimiter memory, Instance<RedisRateLimiter> redisLimiter) {
        return redis ? redisLimiter.get() : memory;
    }

    @Produces
    @ApplicationScoped
    SessionStore sessions(MemorySessionStore memory, Instance<RedisSessionStore> redisSessions) {
        return redis ? redisSessions.get() : memory;
    }

    @Produces
    @ApplicationScoped
    AuditStore audit(MemoryAuditStore memory, Instance<RedisAuditStore> redisAudit) {
        return redis ? redisAudit.get() : memory;
    }

    @Produces
    @ApplicationScoped
    StoreStatus status(Instance<RedisAvailability> availability) {
        return redis ? availability.get() : MEMORY;
    }

    private static final StoreStatus MEMORY = new StoreStatus() {
        @Override
        public String kind() {
            return "memory";
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String detail() {
            return "memory (this replica only)";
        }
    };
}
