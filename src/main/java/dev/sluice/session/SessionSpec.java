package dev.sluice.session;

import dev.sluice.provider.ChatMessage;
import java.util.List;
import java.util.Map;

/**
 * What a client asks for when it creates a session; every field may be null (a default applies).
 *
 * @param ttlSeconds    how long the session lives after its last activity
 * @param contextBudget most tokens of context per generation; 0 = unbounded
 * @param history       earlier messages to start from (no {@code system}: that is {@code systemMessage})
 * @param attributes    opaque values the creating transport keeps with the session ({@link Session#attributes()})
 */
public record SessionSpec(String id, String maskingProfile, String retention, Long ttlSeconds, Integer contextBudget,
                          String systemMessage, List<ChatMessage> history, Map<String, String> attributes) {

    public SessionSpec {
        history = history == null ? List.of() : List.copyOf(history);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A spec without attributes (what the sessions API creates). */
    public SessionSpec(String id, String maskingProfile, String retention, Long ttlSeconds, Integer contextBudget,
                       String systemMessage, List<ChatMessage> history) {
        this(id, maskingProfile, retention, ttlSeconds, contextBudget, systemMessage, history, Map.of());
    }
}
