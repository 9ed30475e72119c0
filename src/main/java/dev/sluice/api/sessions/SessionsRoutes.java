package dev.sluice.api.sessions;

import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.common.EventJson;
import dev.sluice.api.http.HttpReplies;
import dev.sluice.audit.AuditStore;
import dev.sluice.security.Principal;
import dev.sluice.session.SessionErasure;
import dev.sluice.session.Sessions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.Function;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sessions API: create ({@code POST /v1/sessions}), read ({@code GET /v1/sessions/{id}}),
 * erase ({@code DELETE /v1/sessions/{id}}: history, journals and audit records at once) and the
 * session's audit records ({@code GET /v1/sessions/{id}/audit}). Another tenant's session answers
 * the same 404 as an unknown id.
 */
@ApplicationScoped
public class SessionsRoutes {

    private final Sessions sessions;
    private final SessionErasure erasure;
    private final AuditStore audit;
    private final ApiLimits limits;
    private final EventJson json;

    SessionsRoutes(Sessions sessions, SessionErasure erasure, AuditStore audit, ApiLimits limits, EventJson json) {
        this.sessions = sessions;
        this.erasure = erasure;
        this.audit = audit;
        this.limits = limits;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.post("/v1/sessions")
                .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
                .handler(this::create)
                .failureHandler(HttpReplies::routeFailure);
        router.get("/v1/sessions/:id/audit").handler(ctx -> reply(ctx, 200, tenant -> sessions.find(id(ctx), tenant)
                .chain(session -> audit.listBySession(session.id()))
                .map(records -> SessionJson.audit(json.mapper(), id(ctx), records))))
                .failureHandler(HttpReplies::routeFailure);
        router.get("/v1/sessions/:id").handler(ctx -> reply(ctx, 200, tenant -> sessions.find(id(ctx), tenant)
                .map(SessionJson::of)))
                .failureHandler(HttpReplies::routeFailure);
        router.delete("/v1/sessions/:id").handler(ctx -> reply(ctx, 200, tenant -> sessions.find(id(ctx), tenant)
                .chain(erasure::erase)
                .map(ignored -> SessionJson.deleted(id(ctx)))))
                .failureHandler(HttpReplies::routeFailure);
    }

    private void create(RoutingContext ctx) {
        if (!HttpReplies.requireJson(ctx)) {
            return;
        }
        Principal principal = Principal.of(ctx);
        reply(ctx, 201, tenant -> sessions.create(SessionSpecDecoder.decode(ctx.body().asString(), limits),
                tenant, principal.keyId(), principal.settings().masking())
                .invoke(session -> ctx.response().putHeader("Location", "/v1/sessions/" + session.id()))
                .map(SessionJson::of));
    }

    /** Runs the action for the caller's tenant and answers with its document, or the error in the API's shape. */
    private static void reply(RoutingContext ctx, int status, Function<String, Uni<? extends JsonNode>> action) {
        Context context = Vertx.currentContext();
        try {
            action.apply(Principal.of(ctx).tenant()).subscribe().with(
                    body -> context.runOnContext(v -> HttpReplies.json(ctx.response(), status, body)),
                    failure -> context.runOnContext(v -> HttpReplies.error(ctx.response(), failure)));
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e);
        }
    }

    private static String id(RoutingContext ctx) {
        return ctx.pathParam("id");
    }
}
