package dev.sluice.audit;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where audit records of sessions are kept for their retention TTL: memory (default,
 * {@code dev.sluice.store.memory}) or Redis. Records without a session are never stored.
 * A record past its {@link AuditRecord#expiresAt()} is treated as absent whether or not
 * {@link #purgeExpired} removed it yet.
 */
public interface AuditStore {

    /** Keeps the record until its {@link AuditRecord#expiresAt()}; its {@code session} is not null. */
    Uni<Void> append(AuditRecord record);

    /** The session's records not yet expired, oldest first (in the order appended). */
    Uni<List<AuditRecord>> listBySession(String sessionId);

    /** Erases every record of the session at once; returns how many there were. */
    Uni<Long> deleteBySession(String sessionId);

    /** Removes records past their expiry; returns how many (a store that expires by itself may return 0). */
    Uni<Long> purgeExpired(long nowMillis);
}
