package dev.sluice.security.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.security.KeySettings;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The window arithmetic both limiters share, on its own: boundaries, limits reached exactly, rounding. */
class RateWindowTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final RateWindow window = new RateWindow(Duration.ofSeconds(60));

    @Test
    void aWindowEndsExactlyAtItsLength() {
        long start = 5 * SECOND;
        assertEquals(start, window.currentStart(start, start));
        assertEquals(start, window.currentStart(start, start + 60 * SECOND - 1));
        assertEquals(start + 60 * SECOND, window.currentStart(start, start + 60 * SECOND));
        assertEquals(60_000, window.resetMillis(start, start));
        assertEquals(0, window.resetMillis(start, start + 60 * SECOND - 1), "rounded down, never past the reset");
    }

    @Test
    void anIdleKeyStaysAlignedOnItsFirstWindow() {
        long start = 5 * SECOND;
        long now = start + 3 * 60 * SECOND + 20 * SECOND;
        assertEquals(start + 3 * 60 * SECOND, window.currentStart(start, now));
        assertEquals(40_000, window.resetMillis(window.currentStart(start, now), now));
    }

    @Test
    void aLimitRefusesOnceTheCountHasReachedIt() {
        KeySettings limits = new KeySettings(Set.of(), 0, 2, 100, 3);
        assertEquals(RateWindow.Verdict.ADMITTED, RateWindow.verdict(limits, 1, 99, 2));
        assertEquals(RateWindow.Verdict.REQUESTS, RateWindow.verdict(limits, 2, 0, 0));
        assertEquals(RateWindow.Verdict.TOKENS, RateWindow.verdict(limits, 0, 100, 0));
        assertEquals(RateWindow.Verdict.TOKENS, RateWindow.verdict(limits, 0, 150, 0), "a stream may overshoot");
        assertEquals(RateWindow.Verdict.CONCURRENT_STREAMS, RateWindow.verdict(limits, 0, 0, 3));
        assertEquals(RateWindow.Verdict.REQUESTS, RateWindow.verdict(limits, 2, 100, 3), "requests are checked first");
        assertEquals(RateWindow.Verdict.ADMITTED, RateWindow.verdict(KeySettings.UNLIMITED, 1_000, 1_000, 1_000),
                "0 is unlimited");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
        assertEquals(1, RateWindow.retryAfterSeconds(0));
        assertEquals(1, RateWindow.retryAfterSeconds(1));
        assertEquals(1, RateWindow.retryAfterSeconds(1000));
        assertEquals(2, RateWindow.retryAfterSeconds(1001));
        assertEquals(60, RateWindow.retryAfterSeconds(59_999));
        assertEquals(1, RateWindow.retryAfterSeconds(-5), "a window that reset while counting");
    }

    @Test
    void refusalsCarryTheRetryTimeAndTheStatusOfTheirCounts() {
        KeySettings limits = new KeySettings(Set.of(), 0, 2, 100, 1);
        RateLimitedException requests = window.refusal(RateWindow.Verdict.REQUESTS, limits, 2, 40, 12_345);
        assertEquals(13, requests.retryAfterSeconds());
        assertEquals("13", requests.headers().get("Retry-After"));
        assertEquals("0", requests.headers().get("x-ratelimit-remaining-requests"));
        assertEquals("60", requests.headers().get("x-ratelimit-remaining-tokens"));
        assertEquals("12.345s", requests.headers().get("x-ratelimit-reset-requests"));
        assertEquals("Rate limit reached for requests: 2 per minute. Retry after the time in the Retry-After header.",
                requests.getMessage());
        assertEquals(1, window.refusal(RateWindow.Verdict.CONCURRENT_STREAMS, limits, 0, 0, 50_000)
                .retryAfterSeconds(), "a slot comes back when a stream ends, not with the window");
        assertThrows(IllegalArgumentException.class,
                () -> window.refusal(RateWindow.Verdict.ADMITTED, limits, 0, 0, 0));
    }

    @Test
    void aWindowMustHaveALength() {
        assertThrows(IllegalArgumentException.class, () -> new RateWindow(Duration.ZERO));
        assertEquals(2_000, new RateWindow(Duration.ofSeconds(2)).lengthMillis());
    }
}
