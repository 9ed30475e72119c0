package dev.sluice.api.guard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The WebSocket origin rule on its own (with CORS on, Quarkus's filter refuses foreign origins first). */
class WebSocketOriginCheckTest {

    @Test
    void withAListOnlyListedOriginsAndNonBrowsersMayUpgrade() {
        WebSocketOriginCheck check = new WebSocketOriginCheck(Optional.of(List.of("https://app.example.com",
                " https://admin.example.com")));
        assertTrue(check.allows("https://app.example.com"));
        assertTrue(check.allows("https://admin.example.com"));
        assertTrue(check.allows(null));
        assertFalse(check.allows("https://evil.example"));
        assertFalse(check.allows("https://app.example.com.evil.example"));
        assertFalse(check.allows("null"));
    }

    @Test
    void withoutAListOrWithAWildcardEveryOriginMay() {
        assertTrue(new WebSocketOriginCheck(Optional.empty()).allows("https://evil.example"));
        assertTrue(new WebSocketOriginCheck(Optional.of(List.of("*"))).allows("https://evil.example"));
    }
}
