package dev.sluice.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.provider.ChatMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad session configuration fails the start naming the key; the context budget prunes as documented. */
class SessionConfigTest {

    static SessionConfig config(String retention, String encoding) {
        return new SessionConfig() {
            public String defaultRetention() { return retention; }
            public Duration defaultTtl() { return Duration.ofHours(1); }
            public Duration maxTtl() { return Duration.ofDays(1); }
            public int defaultContextBudget() { return 0; }
            public int maxHistoryTurns() { return 10; }
            public int maxStreams() { return 10; }
            public String encoding() { return encoding; }
            public boolean preloadEncoding() { return true; }
            public Duration purgeInterval() { return Duration.ofMinutes(1); }
        };
    }

    @Test
    void anUnknownDefaultRetentionFailsNamingTheKey() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Sessions(null, null, config("forever", "o200k_base"), null, null));
        assertTrue(e.getMessage().startsWith("sluice.sessions.default-retention: unknown retention policy 'forever'"),
                e.getMessage());
    }

    @Test
    void anUnknownEncodingFailsNamingTheKey() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ContextBudget(config("redacted", "nope_base")));
        assertEquals("sluice.sessions.encoding: unknown encoding 'nope_base'", e.getMessage());
    }

    @Test
    void theBudgetKeepsSystemAndNewestAndDropsTheOldestFirst() {
        ContextBudget budget = new ContextBudget(config("redacted", "o200k_base"));
        ChatMessage system = ChatMessage.system("sys");
        List<ChatMessage> history = List.of(ChatMessage.user("one"), ChatMessage.user("two"), ChatMessage.user("three"));
        List<ChatMessage> newest = List.of(ChatMessage.user("now"));
        int each = budget.tokens(ChatMessage.user("one"));
        int fixed = budget.tokens(system) + budget.tokens(newest.get(0));
        assertEquals(List.of(system, history.get(1), history.get(2), newest.get(0)),
                budget.fit(system, history, newest, fixed + 2 * each));
        assertEquals(List.of(system, newest.get(0)), budget.fit(system, history, newest, fixed));
        assertEquals(5, budget.fit(system, history, newest, 0).size(), "0 is unbounded");
        SessionRequestException e = assertThrows(SessionRequestException.class,
                () -> budget.fit(system, history, newest, fixed - 1));
        assertEquals("context_length_exceeded", e.code());
        assertTrue(e.getMessage().contains("needs " + fixed + " tokens") && e.getMessage().contains("is " + (fixed - 1)
                + " tokens"), e.getMessage());
    }
}
