package dev.sluice.api.guard;

import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.ErrorMapper;
import dev.sluice.security.ApiKeyAuthenticator;
import dev.sluice.security.Principal;
import dev.sluice.security.refusal.RefusedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one authentication step in front of every {@code /v1/*} route, the WebSocket upgrade
 * included: first refuses bodies that are not JSON or too large (before they are read), then asks
 * {@link ApiKeyAuthenticator} for the caller and stores it in the routing context. A refused key
 * gets a 401 with a Bearer challenge, in the request's API's error shape; the refusal never
 * contains the key.
 */
@ApplicationScoped
class AuthenticationStep {

    private final ApiKeyAuthenticator authenticator;
    private final long maxBodyBytes;

    AuthenticationStep(ApiKeyAuthenticator authenticator, ApiLimits limits) {
        this.authenticator = authenticator;
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    void handle(RoutingContext ctx) {
        if (!RequestBodyType.acceptable(ctx, maxBodyBytes)) {
            return;
        }
        Principal principal;
        try {
            principal = authenticator.authenticate(ctx.request()::getHeader);
        } catch (RefusedException e) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"sluice\"");
            EarlyReply.send(ctx, ErrorMapper.toApiError(e), maxBodyBytes);
            return;
        }
        principal.attachTo(ctx);
        ctx.next();
    }
}
