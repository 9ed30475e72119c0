package dev.sluice.store.memory;

import dev.sluice.audit.AuditRecord;
import dev.sluice.audit.AuditStore;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Audit records of sessions on this replica's heap, a list per session. */
@DefaultBean
@ApplicationScoped
public class MemoryAuditStore implements AuditStore {

    private final ConcurrentHashMap<String, List<AuditRecord>> bySession = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public MemoryAuditStore() {
        this(System::currentTimeMillis);
    }

    MemoryAuditStore(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public Uni<Void> append(AuditRecord record) {
        bySession.compute(record.session(), (id, records) -> {
            List<AuditRecord> list = records == null ? new ArrayList<>() : records;
            list.add(record);
            return list;
        });
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<List<AuditRecord>> listBySession(String sessionId) {
        long now = clock.getAsLong();
        List<AuditRecord> out = new ArrayList<>();
        bySession.computeIfPresent(sessionId, (id, records) -> {
            records.stream().filter(r -> r.expiresAt() > now).forEach(out::add);
            return records;
        });
        return Uni.createFrom().item(List.copyOf(out));
    }

    @Override
    public Uni<Long> deleteBySession(String sessionId) {
        List<AuditRecord> removed = bySession.remove(sessionId);
        return Uni.createFrom().item(removed == null ? 0L : (long) removed.size());
    }

    @Override
    public Uni<Long> purgeExpired(long nowMillis) {
        long[] purged = new long[1];
        for (String session : List.copyOf(bySession.keySet())) {
            bySession.computeIfPresent(session, (id, records) -> {
                int before = records.size();
                records.removeIf(r -> r.expiresAt() <= nowMillis);
                purged[0] += before - records.size();
                return records.isEmpty() ? null : records;
            });
        }
        return Uni.createFrom().item(purged[0]);
    }
}
