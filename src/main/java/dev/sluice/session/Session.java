package dev.sluice.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sluice.policy.retention.RetentionPolicy;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * A conversation: its settings, its history (as retention allows) and the generations started in
 * it. Stored as a whole by a {@link SessionStore}; immutable.
 *
 * @param tenant        the tenant of the key that created it; "" in open mode. Other tenants are told it does not exist
 * @param keyId         the key that created it, or null in open mode
 * @param maskingProfile the profile its streams are masked with (resolved at creation, never null)
 * @param ttlSeconds    how long the session and what it keeps live after its last activity
 * @param contextBudget most tokens of context sent upstream (system message, history, new turn); 0 = unbounded
 * @param systemMessage sent first in every generation of the session, or null
 * @param createdAt     epoch milliseconds
 * @param expiresAt     epoch milliseconds; every activity moves it to now + ttl
 * @param history       oldest first
 * @param streams       ids of the generations started in the session, oldest first (for erasure)
 * @param activeStream  the generation running in the session, or null
 * @param attributes    opaque values a transport keeps with the session (the Responses API keeps its request
 *                      there); the session never reads them. Empty for sessions that have none
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Session(String id, String tenant, String keyId, String maskingProfile, RetentionPolicy retention,
                      long ttlSeconds, int contextBudget, String systemMessage, long createdAt, long expiresAt,
                      List<Turn> history, List<String> streams, String activeStream,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> attributes) {

    @JsonCreator
    public Session {
        tenant = tenant == null ? "" : tenant;
        history = history == null ? List.of() : List.copyOf(history);
        streams = streams == null ? List.of() : List.copyOf(streams);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A session without attributes. */
    public Session(String id, String tenant, String keyId, String maskingProfile, RetentionPolicy retention,
                   long ttlSeconds, int contextBudget, String systemMessage, long createdAt, long expiresAt,
                   List<Turn> history, List<String> streams, String activeStream) {
        this(id, tenant, keyId, maskingProfile, retention, ttlSeconds, contextBudget, systemMessage, createdAt,
                expiresAt, history, streams, activeStream, Map.of());
    }

    public boolean expired(long nowMillis) {
        return nowMillis >= expiresAt;
    }

    /** The same session, its expiry moved to {@code nowMillis + ttl}. */
    public Session touched(long nowMillis) {
        return new Session(id, tenant, keyId, maskingProfile, retention, ttlSeconds, contextBudget, systemMessage,
                createdAt, nowMillis + ttlSeconds * 1000, history, streams, activeStream, attributes);
    }

    public Session withHistory(List<Turn> newHistory) {
        return new Session(id, tenant, keyId, maskingProfile, retention, ttlSeconds, contextBudget, systemMessage,
                createdAt, expiresAt, newHistory, streams, activeStream, attributes);
    }

    public Session withStreams(List<String> newStreams, String newActiveStream) {
        return new Session(id, tenant, keyId, maskingProfile, retention, ttlSeconds, contextBudget, systemMessage,
                createdAt, expiresAt, history, newStreams, newActiveStream, attributes);
    }
}
