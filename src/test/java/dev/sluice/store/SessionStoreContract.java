package dev.sluice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.policy.retention.RetentionPolicy;
import dev.sluice.session.Session;
import dev.sluice.session.SessionStore;
import dev.sluice.session.Turn;
import dev.sluice.session.UnknownSessionException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} does (memory, Redis): a subclass supplies the store. Expiry is
 * real time (a 1 s TTL), awaited, never timed.
 */
public abstract class SessionStoreContract {

    protected abstract SessionStore store();

    protected static Session session(String id, long ttlSeconds) {
        long now = System.currentTimeMillis();
        return new Session(id, "tenant-a", "key-1", "standard", RetentionPolicy.REDACTED, ttlSeconds, 500,
                "Be brief.", now, now + ttlSeconds * 1000, List.of(), List.of(), null);
    }

    protected static String newId() {
        return "ses_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static Turn turn(String role, String content) {
        return new Turn(role, content, "str_1", System.currentTimeMillis(), 3, "hmac-sha256:00");
    }

    @Test
    void createThenFindReturnsTheSameDocument() {
        String id = newId();
        Session created = session(id, 60);
        assertTrue(store().create(created).await().indefinitely());
        Session found = store().find(id).await().indefinitely().orElseThrow();
        assertEquals(created.id(), found.id());
        assertEquals("tenant-a", found.tenant());
        assertEquals("key-1", found.keyId());
        assertEquals(RetentionPolicy.REDACTED, found.retention());
        assertEquals(500, found.contextBudget());
        assertEquals("Be brief.", found.systemMessage());
        assertEquals(List.of(), found.history());
    }

    @Test
    void createRefusesAnExistingId() {
        String id = newId();
        assertTrue(store().create(session(id, 60)).await().indefinitely());
        assertFalse(store().create(session(id, 60)).await().indefinitely());
    }

    @Test
    void appendTurnsKeepsOrderAndDropsTheOldestPastTheBound() {
        String id = newId();
        store().create(session(id, 60)).await().indefinitely();
        store().appendTurns(id, List.of(turn("user", "one"), turn("assistant", "two")), 3).await().indefinitely();
        Session after = store().appendTurns(id, List.of(turn("user", "three"), turn("assistant", "four")), 3)
                .await().indefinitely().orElseThrow();
        assertEquals(List.of("two", "three", "four"), after.history().stream().map(Turn::content).toList());
        assertEquals(after.history(), store().find(id).await().indefinitely().orElseThrow().history());
    }

    @Test
    void appendTurnsToAnUnknownSessionIsEmpty() {
        assertEquals(Optional.empty(), store().appendTurns(newId(), List.of(turn("user", "x")), 10).await().indefinitely());
        assertFalse(store().touch(newId()).await().indefinitely());
    }

    @Test
    void swapActiveStreamReturnsThePreviousAndRecordsEveryStream() {
        String id = newId();
        store().create(session(id, 60)).await().indefinitely();
        assertEquals(Optional.empty(), store().swapActiveStream(id, "str_a", 2).await().indefinitely());
        assertEquals(Optional.of("str_a"), store().swapActiveStream(id, "str_b", 2).await().indefinitely());
        store().clearActiveStream(id, "str_a").await().indefinitely();
        assertEquals("str_b", store().find(id).await().indefinitely().orElseThrow().activeStream());
        assertEquals(Optional.of("str_b"), store().swapActiveStream(id, "str_c", 2).await().indefinitely());
        store().clearActiveStream(id, "str_c").await().indefinitely();
        Session after = store().find(id).await().indefinitely().orElseThrow();
        assertEquals(null, after.activeStream());
        assertEquals(List.of("str_b", "str_c"), after.streams());
    }

    @Test
    void swapActiveStreamOnAnUnknownSessionFails() {
        assertThrows(UnknownSessionException.class,
                () -> store().swapActiveStream(newId(), "str_a", 2).await().indefinitely());
    }

    @Test
    void deleteRemovesAtOnce() {
        String id = newId();
        store().create(session(id, 60)).await().indefinitely();
        assertTrue(store().delete(id).await().indefinitely());
        assertEquals(Optional.empty(), store().find(id).await().indefinitely());
        assertFalse(store().delete(id).await().indefinitely());
    }

    @Test
    void anExpiredSessionIsAbsentAndActivityRefreshesTheTtl() {
        String idle = newId();
        String busy = newId();
        store().create(session(idle, 1)).await().indefinitely();
        store().create(session(busy, 30)).await().indefinitely();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> store().find(idle).await().indefinitely().isEmpty());
        long before = store().find(busy).await().indefinitely().orElseThrow().expiresAt();
        assertTrue(store().touch(busy).await().indefinitely());
        Session refreshed = store().find(busy).await().indefinitely().orElseThrow();
        assertTrue(refreshed.expiresAt() > before, "touch moves the expiry");
        assertTrue(refreshed.expiresAt() >= System.currentTimeMillis() + 29_000, "to now + ttl");
        assertFalse(store().touch(idle).await().indefinitely());
        store().purgeExpired(System.currentTimeMillis()).await().indefinitely();
        assertEquals(Optional.empty(), store().find(idle).await().indefinitely());
        assertTrue(store().find(busy).await().indefinitely().isPresent());
    }
}
