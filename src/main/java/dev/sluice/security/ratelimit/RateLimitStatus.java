package dev.sluice.security.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of a key's request and token budgets, rendered as the headers OpenAI sends:
 * {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests},
 * {@code x-ratelimit-reset-requests} (a duration such as {@code 1s}, {@code 6m0s} or {@code 20ms})
 * and the same three for tokens. A limit of 0 (unlimited) sends no headers for it.
 */
public record RateLimitStatus(int requestLimit, long remainingRequests, long requestResetMillis,
                              int tokenLimit, long remainingTokens, long tokenResetMillis) {

    public static final RateLimitStatus NONE = new RateLimitStatus(0, 0, 0, 0, 0, 0);

    /** A key's budgets after {@code requests} requests and {@code tokens} tokens in a window resetting in {@code resetMillis}. */
    public static RateLimitStatus of(RateLimits limits, long requests, long tokens, long resetMillis) {
        return new RateLimitStatus(limits.requestsPerMinute(), limits.requestsPerMinute() - requests, resetMillis,
                limits.tokensPerMinute(), limits.tokensPerMinute() - tokens, resetMillis);
    }

    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (requestLimit > 0) {
            headers.put("x-ratelimit-limit-requests", Integer.toString(requestLimit));
            headers.put("x-ratelimit-remaining-requests", Long.toString(Math.max(0, remainingRequests)));
            headers.put("x-ratelimit-reset-requests", duration(requestResetMillis));
        }
        if (tokenLimit > 0) {
            headers.put("x-ratelimit-limit-tokens", Integer.toString(tokenLimit));
            headers.put("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, remainingTokens)));
            headers.put("x-ratelimit-reset-tokens", duration(tokenResetMillis));
        }
        return headers;
    }

    /** Go-style durations, as OpenAI writes them. */
    static String duration(long millis) {
        millis = Math.max(0, millis);
        if (millis < 1000) {
            return millis + "ms";
        }
        long minutes = millis / 60_000;
        long restMillis = millis % 60_000;
        String seconds = restMillis % 1000 == 0 ? Long.toString(restMillis / 1000)
                : String.format(java.util.Locale.ROOT, "%.3f", restMillis / 1000.0).replaceAll("0+$", "");
        return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
    }
}
