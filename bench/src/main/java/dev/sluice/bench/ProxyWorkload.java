package dev.sluice.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One workload of the proxy bench: C concurrent streams, each of {@code tokens} tokens that the
 * mock writes {@code delayMs} apart (0: as fast as the loop turns) after {@code ttftMs}.
 * Named like {@code c64-5ms}; {@code c64-5ms-t512} also sets the tokens per response.
 */
record ProxyWorkload(String name, int concurrency, int delayMs, int tokens, int ttftMs) {

    private static final Pattern NAME = Pattern.compile("c(\\d+)-(\\d+)ms(?:-t(\\d+))?");

    static ProxyWorkload parse(String name, int defaultTokens, int ttftMs) {
        Matcher m = NAME.matcher(name.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("a workload is named c<C>-<delay>ms[-t<tokens>] (e.g. c64-5ms), got '" + name + "'");
        }
        int c = Integer.parseInt(m.group(1));
        int delay = Integer.parseInt(m.group(2));
        int tokens = m.group(3) == null ? defaultTokens : Integer.parseInt(m.group(3));
        if (c < 1 || c > BenchOptions.MAX_CONCURRENCY || delay > 60_000 || tokens < 1 || tokens > 1_000_000) {
            throw new IllegalArgumentException("workload out of range: " + name);
        }
        return new ProxyWorkload(name.trim(), c, delay, tokens, ttftMs);
    }

    /** Milliseconds one stream takes at the mock's pace (0 for an unpaced stream). */
    long streamMillis() {
        return ttftMs + (long) delayMs * tokens;
    }
}
