package dev.sluice.security;

import dev.sluice.security.refusal.Refusal;
import dev.sluice.security.refusal.RefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the caller of a request from the key it presents in {@code Authorization: Bearer},
 * {@code api-key} or {@code x-api-key} (the headers OpenAI and Azure SDKs send). The HTTP step in
 * front of every {@code /v1/*} route asks {@link #authenticate} and answers its refusals; the
 * WebSocket endpoint asks {@link #principal} for its handshake. Refusals and logs never contain
 * the key.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    private final KeyRing keys;

    ApiKeyAuthenticator(KeyRing keys) {
        this.keys = keys;
    }

    /**
     * The caller behind a request's headers: anonymous in open mode.
     *
     * @throws RefusedException {@code missing_api_key} or {@code invalid_api_key} (unauthenticated)
     */
    public Principal authenticate(Function<String, String> headers) {
        if (keys.open()) {
            return Principal.ANONYMOUS;
        }
        Optional<String> presented = presentedKey(headers);
        if (presented.isEmpty()) {
            throw refused("missing_api_key", "You didn't provide an API key. You need to provide your API key in an "
                    + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or in an "
                    + "api-key or x-api-key header.");
        }
        return keys.authenticate(presented.get()).orElseThrow(() -> refused("invalid_api_key",
                "Incorrect API key provided. Check the key sent in the Authorization, api-key or x-api-key header."));
    }

    /**
     * The caller behind a WebSocket handshake's headers: anonymous in open mode, empty when the
     * key is missing or wrong (the upgrade itself was already refused by {@link #authenticate} then).
     */
    public Optional<Principal> principal(Function<String, String> headers) {
        if (keys.open()) {
            return Optional.of(Principal.ANONYMOUS);
        }
        return presentedKey(headers).flatMap(keys::authenticate);
    }

    /** The key a request presents, or empty; an Authorization header that is not Bearer counts as presented-but-wrong. */
    static Optional<String> presentedKey(Function<String, String> headers) {
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

    private static RefusedException refused(String code, String message) {
        return RefusedException.of(Refusal.Reason.UNAUTHENTICATED, null, code, message);
    }
}
