package dev.sluice.session;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * Where sessions live: memory (default, {@code dev.sluice.store.memory}) or Redis. A session is
 * one document; every method is atomic for that session. An expired session (now past its
 * {@link Session#expiresAt()}) is treated as absent by every method, whether or not
 * {@link #purgeExpired} removed it yet. Every method that changes a session also refreshes its
 * TTL (expiry = now + {@link Session#ttlSeconds()}).
 */
public interface SessionStore {

    /** Stores a new session; false (and nothing changed) when one with its id exists. */
    Uni<Boolean> create(Session session);

    Uni<Optional<Session>> find(String id);

    /**
     * Appends turns to the history, then drops the oldest turns past {@code maxTurns}.
     *
     * @return the updated session, or empty when it does not exist
     */
    Uni<Optional<Session>> appendTurns(String id, List<Turn> turns, int maxTurns);

    /** Refreshes the TTL; false when the session does not exist. */
    Uni<Boolean> touch(String id);

    /**
     * Records {@code streamId} as the session's running generation and appends it to
     * {@link Session#streams()} (keeping the newest {@code maxStreams}).
     *
     * @return the generation that was running before (to cancel: regenerate), or empty; a failed
     *         {@code Uni} with {@link UnknownSessionException} when the session does not exist
     */
    Uni<Optional<String>> swapActiveStream(String id, String streamId, int maxStreams);

    /** Clears the running generation if it still is {@code streamId} (a newer one may have replaced it). */
    Uni<Void> clearActiveStream(String id, String streamId);

    /** Removes the session; false when it did not exist. */
    Uni<Boolean> delete(String id);

    /**
     * Removes sessions whose expiry has passed and returns them (so their journals and audit
     * records can be erased too). A store that expires keys by itself may return an empty list.
     */
    Uni<List<Session>> purgeExpired(long nowMillis);

    /** Sessions not expired, for the {@code sessions active} gauge; may be approximate. */
    Uni<Long> count();
}
