package dev.sluice.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the mock upstream streams for one response: how many tokens, the time to the first one,
 * the delay between two (0: each token is written as the event loop turns, as fast as the
 * connection takes them), and the text of every token. The process has defaults (its command
 * line, or {@code POST /mock/config}); a request overrides them with headers
 * ({@code x-mock-tokens}, {@code x-mock-ttft-ms}, {@code x-mock-delay-ms}, {@code x-mock-text})
 * or query parameters ({@code tokens}, {@code ttft_ms}, {@code delay_ms}, {@code text}),
 * headers winning.
 */
record MockSettings(int tokens, long ttftMs, long delayMs, String text) {

    static final int MAX_TOKENS = 1_000_000;
    static final long MAX_MS = 600_000;

    MockSettings {
        if (tokens < 0 || tokens > MAX_TOKENS) {
            throw new IllegalArgumentException("tokens must be in 0.." + MAX_TOKENS + ", got " + tokens);
        }
        if (ttftMs < 0 || ttftMs > MAX_MS || delayMs < 0 || delayMs > MAX_MS) {
            throw new IllegalArgumentException("ttft and delay must be in 0.." + MAX_MS + " ms");
        }
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the token text must not be empty");
        }
    }

    static MockSettings defaults() {
        return new MockSettings(256, 0, 0, " tok");
    }

    /**
     * These settings with the request's overrides applied.
     *
     * @param query  the query parameters (first value counts)
     * @param header a header by lower-case name, or null
     */
    MockSettings with(Map<String, List<String>> query, Function<String, String> header) {
        int t = tokens;
        long ttft = ttftMs;
        long delay = delayMs;
        String x = text;
        String v;
        if ((v = first(query, "tokens")) != null) t = parseInt("tokens", v);
        if ((v = first(query, "ttft_ms")) != null) ttft = parseLong("ttft_ms", v);
        if ((v = first(query, "delay_ms")) != null) delay = parseLong("delay_ms", v);
        if ((v = first(query, "text")) != null) x = v;
        if ((v = header.apply("x-mock-tokens")) != null) t = parseInt("x-mock-tokens", v);
        if ((v = header.apply("x-mock-ttft-ms")) != null) ttft = parseLong("x-mock-ttft-ms", v);
        if ((v = header.apply("x-mock-delay-ms")) != null) delay = parseLong("x-mock-delay-ms", v);
        if ((v = header.apply("x-mock-text")) != null) {
            // header bytes arrive as ISO-8859-1 characters; the text is UTF-8
            x = new String(v.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8);
        }
        return new MockSettings(t, ttft, delay, x);
    }

    String json() {
        return String.format(Locale.ROOT, "{\"tokens\":%d,\"ttft_ms\":%d,\"delay_ms\":%d,\"text\":%s}",
                tokens, ttftMs, delayMs, OpenAiChunks.json(text));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
    }
}
