package dev.sluice.api.guard;

import dev.sluice.api.http.ApiError;
import dev.sluice.api.http.HttpReplies;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Browsers send no CORS preflight before a WebSocket upgrade, so CORS alone does not stop another
 * site's page from opening {@code /v1/ws} with a user's ambient credentials. When an allow-list
 * is configured ({@code quarkus.http.cors.origins}), an upgrade whose {@code Origin} is not on it
 * gets 403. Non-browser clients send no {@code Origin} and are not affected.
 */
@ApplicationScoped
public class WebSocketOriginCheck {

    private final List<String> allowed;

    WebSocketOriginCheck(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        this.allowed = origins.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    void handle(RoutingContext ctx) {
        if (allows(ctx.request().getHeader("Origin"))) {
            ctx.next();
            return;
        }
        HttpReplies.error(ctx.response(), new ApiError(403, "invalid_request_error", "origin_not_allowed", null,
                "This origin may not open WebSocket connections; add it to quarkus.http.cors.origins."));
    }

    /** No Origin (not a browser), no list, a wildcard, or an origin on the list. */
    boolean allows(String origin) {
        return origin == null || allowed.isEmpty() || allowed.contains("*") || allowed.contains(origin);
    }
}
