package dev.sluice.session;

import dev.sluice.provider.ChatMessage;
import java.util.List;

/**
 * What a client asks for when it creates a session; every field may be null (a default applies).
 *
 * @param ttlSeconds    how long the session lives after its last activity
 * @param contextBudget most tokens of context per generation; 0 = unbounded
 * @param history       earlier messages to start from (no {@code system}: that is {@code systemMessage})
 */
public record SessionSpec(String id, String maskingProfile, String retention, Long ttlSeconds, Integer contextBudget,
                          String systemMessage, List<ChatMessage> history) {

    public SessionSpec {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
