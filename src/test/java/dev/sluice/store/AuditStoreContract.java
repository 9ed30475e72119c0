package dev.sluice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.audit.AuditRecord;
import dev.sluice.audit.AuditStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** What every {@link AuditStore} does (memory, Redis): a subclass supplies the store. */
public abstract class AuditStoreContract {

    protected abstract AuditStore store();

    protected static AuditRecord record(String session, String id, long expiresAt) {
        return new AuditRecord(id, AuditRecord.GENERATION, System.currentTimeMillis(), expiresAt, "tenant-a", "key-1",
                session, "str_1", "sluice-sim", "simulator", "hmac-sha256:ab", 12, 34,
                new AuditRecord.Timings(1, 2, 3.5, 4.5, 1.0, 7), "stop", Map.of("email:mask", 1), null, null, null,
                null);
    }

    private static String newSession() {
        return "ses_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void recordsComeBackInOrderAndWhole() {
        String session = newSession();
        long later = System.currentTimeMillis() + 60_000;
        AuditRecord first = record(session, "a1", later);
        AuditRecord second = record(session, "a2", later);
        store().append(first).await().indefinitely();
        store().append(second).await().indefinitely();
        store().append(record(newSession(), "other", later)).await().indefinitely();
        assertEquals(List.of(first, second), store().listBySession(session).await().indefinitely());
    }

    @Test
    void deleteBySessionErasesAtOnce() {
        String session = newSession();
        long later = System.currentTimeMillis() + 60_000;
        store().append(record(session, "a1", later)).await().indefinitely();
        store().append(record(session, "a2", later)).await().indefinitely();
        assertEquals(2L, store().deleteBySession(session).await().indefinitely());
        assertEquals(List.of(), store().listBySession(session).await().indefinitely());
    }

    @Test
    void expiredRecordsAreAbsentBeforeAndAfterThePurge() {
        String session = newSession();
        long now = System.currentTimeMillis();
        store().append(record(session, "short", now + 500)).await().indefinitely();
        AuditRecord kept = record(session, "long", now + 60_000);
        store().append(kept).await().indefinitely();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> store().listBySession(session).await().indefinitely().size() == 1);
        assertEquals(List.of(kept), store().listBySession(session).await().indefinitely());
        store().purgeExpired(System.currentTimeMillis()).await().indefinitely();
        assertEquals(List.of(kept), store().listBySession(session).await().indefinitely());
    }
}
