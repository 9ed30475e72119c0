package dev.sluice.api.common;

import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.provider.GenerationRequest;

/**
 * The {@code X-Sluice-Session} header names the session of a request, as the body's
 * {@code session} field does; when both are given they must agree.
 */
public final class SessionHeader {

    public static final String NAME = "X-Sluice-Session";

    private SessionHeader() {}

    public static StartRequest apply(StartRequest request, String header) {
        if (header == null || header.isBlank()) {
            return request;
        }
        GenerationRequest g = request.generation();
        if (g.session() != null && !g.session().equals(header.trim())) {
            throw InvalidRequestException.of("session", "invalid_value",
                    "The 'session' field and the " + NAME + " header name different sessions.");
        }
        return new StartRequest(g.withSession(header.trim()), request.maskingProfile());
    }
}
