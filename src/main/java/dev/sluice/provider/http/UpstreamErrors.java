package dev.sluice.provider.http;

import dev.sluice.provider.ProviderException;
import dev.sluice.model.ErrorCode;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;

/**
 * Maps upstream HTTP statuses and transport failures to Sluice errors. Messages name the
 * provider and the kind of failure only: never the key, the URL's query or the upstream body.
 */
public final class UpstreamErrors {

    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private UpstreamErrors() {}

    public static ProviderException forStatus(String provider, int status, String retryAfterHeader) {
        String what = "provider '" + provider + "' answered HTTP " + status;
        if (status == 401 || status == 403) {
            return new ProviderException(ErrorCode.UPSTREAM_AUTH, what + ": check its API key");
        }
        if (status == 429) {
            return new ProviderException(ErrorCode.UPSTREAM_RATE_LIMITED, what + ": rate limited",
                    parseRetryAfter(retryAfterHeader), null);
        }
        if (status == 408 || status == 504) {
            return new ProviderException(ErrorCode.UPSTREAM_TIMEOUT, what + ": upstream timed out");
        }
        if (status >= 500) {
            return new ProviderException(ErrorCode.UPSTREAM_ERROR, what, parseRetryAfter(retryAfterHeader), null);
        }
        return new ProviderException(ErrorCode.UPSTREAM_BAD_RESPONSE, what + ": the upstream rejected the request");
    }

    /** A transport failure (connect, TLS, closed connection) as a Sluice error; keeps a ProviderException as is. */
    public static ProviderException forFailure(String provider, Throwable failure) {
        if (failure instanceof ProviderException pe) {
            return pe;
        }
        String who = "provider '" + provider + "'";
        if (failure instanceof io.netty.channel.ConnectTimeoutException || failure instanceof TimeoutException) {
            return new ProviderException(ErrorCode.UPSTREAM_TIMEOUT, who + ": timed out connecting", null, failure);
        }
        if (failure instanceof ConnectException || failure instanceof UnknownHostException) {
            return new ProviderException(ErrorCode.UPSTREAM_ERROR, who + ": could not connect", null, failure);
        }
        if (failure instanceof HttpClosedException) {
            return new ProviderException(ErrorCode.UPSTREAM_ERROR, who + ": connection closed mid-stream", null,
                    failure);
        }
        return new ProviderException(ErrorCode.UPSTREAM_ERROR, who + ": upstream request failed ("
                + failure.getClass().getSimpleName() + ")", null, failure);
    }

    public static ProviderException badResponse(String provider, String why) {
        return new ProviderException(ErrorCode.UPSTREAM_BAD_RESPONSE, "provider '" + provider + "': " + why);
    }

    /**
     * An error the upstream reported inside its stream (OpenAI {@code error}, Anthropic {@code
     * error} event, Gemini {@code error.status}, Ollama {@code error}). Only the error's type
     * identifier is kept, never its free-text message.
     */
    public static ProviderException inStream(String provider, String type) {
        String t = type == null ? "" : type.trim().toLowerCase(java.util.Locale.ROOT);
        ErrorCode code;
        if (t.contains("rate") || t.contains("quota") || t.contains("resource_exhausted")) {
            code = ErrorCode.UPSTREAM_RATE_LIMITED;
        } else if (t.contains("auth") || t.contains("permission") || t.contains("api_key")) {
            code = ErrorCode.UPSTREAM_AUTH;
        } else if (t.contains("timeout") || t.contains("deadline")) {
            code = ErrorCode.UPSTREAM_TIMEOUT;
        } else {
            code = ErrorCode.UPSTREAM_ERROR;
        }
        boolean identifier = t.matches("[a-z0-9_.-]{1,64}");
        return new ProviderException(code, "provider '" + provider + "' reported an error in the stream"
                + (identifier ? " (" + t + ")" : ""));
    }

    /** A body that ended before the upstream's terminal message: most likely a dropped connection. */
    public static ProviderException truncated(String provider, String missing) {
        return new ProviderException(ErrorCode.UPSTREAM_ERROR, "provider '" + provider
                + "': the stream ended without " + missing);
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or unreadable. */
    public static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 ? null : min(Duration.ofMillis((long) (seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : min(until);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Duration min(Duration d) {
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }
}
