package dev.sluice.security;

import dev.sluice.api.http.ApiError;
import dev.sluice.api.common.ApiLimits;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;

/**
 * The one authentication step in front of every {@code /v1/*} route, the WebSocket upgrade
 * included: reads the key from {@code Authorization: Bearer}, {@code api-key} or
 * {@code x-api-key} (the headers OpenAI and Azure SDKs send), and stores the caller as a
 * {@link Principal} in the routing context. Error bodies and logs never contain the key.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    private final KeyRing keys;
    private final long maxBodyBytes;

    ApiKeyAuthenticator(KeyRing keys, ApiLimits limits) {
        this.keys = keys;
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    void handle(RoutingContext ctx) {
        if (!RequestBodyType.acceptable(ctx, maxBodyBytes)) {
            return;
        }
        if (keys.open()) {
            ctx.put(Principal.CONTEXT_KEY, Principal.ANONYMOUS);
            ctx.next();
            return;
        }
        Optional<String> presented = presentedKey(ctx.request());
        if (presented.isEmpty()) {
            reject(ctx, "missing_api_key", "You didn't provide an API key. You need to provide your API key in an "
                    + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or in an "
                    + "api-key or x-api-key header.");
            return;
        }
        Optional<Principal> principal = keys.authenticate(presented.get());
        if (principal.isEmpty()) {
            reject(ctx, "invalid_api_key", "Incorrect API key provided. Check the key sent in the Authorization, "
                    + "api-key or x-api-key header.");
            return;
        }
        ctx.put(Principal.CONTEXT_KEY, principal.get());
        ctx.next();
    }

    /**
     * The caller behind a WebSocket handshake's headers: anonymous in open mode, empty when the
     * key is missing or wrong (the upgrade itself was already refused by {@link #handle} then).
     */
    public Optional<Principal> principal(java.util.function.Function<String, String> headers) {
        if (keys.open()) {
            return Optional.of(Principal.ANONYMOUS);
        }
        return presentedKey(headers).flatMap(keys::authenticate);
    }

    static Optional<String> presentedKey(HttpServerRequest request) {
        return presentedKey(request::getHeader);
    }

    /** The key a request presents, or empty; an Authorization header that is not Bearer counts as presented-but-wrong. */
    static Optional<String> presentedKey(java.util.function.Function<String, String> headers) {
        String authorization = headers.apply("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            String trimmed = authorization.trim();
            if (trimmed.length() > 7 && trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
                String token = trimmed.substring(7).trim();
                return token.isEmpty() ? Optional.empty() : Optional.of(token);
            }
            return Optional.of(trimmed);
        }
        for (String header : new String[] {"api-key", "x-api-key"}) {
            String value = headers.apply(header);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    private void reject(RoutingContext ctx, String code, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"sluice\"");
        EarlyReply.send(ctx, new ApiError(401, "invalid_request_error", code, null, message), maxBodyBytes);
    }
}
