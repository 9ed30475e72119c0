package dev.sluice.api.openai;

import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.HttpReplies;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.http.OnContext;
import dev.sluice.policy.masking.MaskingProfile;
import dev.sluice.policy.masking.MaskingProfiles;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.EmbeddingRequest;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.provider.Route;
import dev.sluice.provider.routing.EmbeddingRouter;
import dev.sluice.security.CallAdmission;
import dev.sluice.security.Principal;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * OpenAI-compatible {@code POST /v1/embeddings}, a pass-through and not a stream: the model name
 * routes as for generations (aliases, provider patterns), the key's models and rate limits apply,
 * the inputs are masked when the key's masking profile masks prompts, and the route's provider
 * embeds (OpenAI-compatible, Gemini, Ollama, the simulator's pseudo-embeddings). A provider without
 * embeddings is a 400 {@code model_not_supported}; upstream failures map as for streams.
 */
@ApplicationScoped
public class EmbeddingsRoute {

    private final ApiLimits limits;
    private final ProviderRegistry registry;
    private final EmbeddingRouter router;
    private final CallAdmission admission;
    private final MaskingProfiles masking;

    EmbeddingsRoute(ApiLimits limits, ProviderRegistry registry, EmbeddingRouter router, CallAdmission admission,
                    MaskingProfiles masking) {
        this.limits = limits;
        this.registry = registry;
        this.router = router;
        this.admission = admission;
        this.masking = masking;
    }

    void register(@Observes Router http) {
        http.post("/v1/embeddings")
                .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
                .handler(this::serve)
                .failureHandler(HttpReplies::routeFailure);
    }

    private void serve(RoutingContext ctx) {
        Context context = Vertx.currentContext();
        if (!HttpReplies.requireJson(ctx)) {
            return;
        }
        Principal principal = Principal.of(ctx);
        EmbeddingsRequestDecoder.Decoded decoded;
        Route route;
        try {
            decoded = EmbeddingsRequestDecoder.decode(JsonFields.parseObject(ctx.body().asString()), limits);
            route = registry.route(decoded.request().model());
            admission.admit(principal, decoded.request().model()).subscribe().with(
                    admitted -> OnContext.run(context, () -> call(ctx, context, route, decoded, principal, admitted)),
                    failure -> OnContext.run(context, () -> HttpReplies.error(ctx.response(), failure)));
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e);
        }
    }

    private void call(RoutingContext ctx, Context context, Route route, EmbeddingsRequestDecoder.Decoded decoded,
                      Principal principal, CallAdmission.Admitted admitted) {
        admitted.headers().forEach(ctx.response()::putHeader);
        EmbeddingRequest request;
        try {
            request = masked(decoded.request(), principal.settings().masking());
        } catch (RuntimeException e) {
            admitted.release().run();
            HttpReplies.error(ctx.response(), e);
            return;
        }
        AtomicReference<Cancellable> pending = new AtomicReference<>();
        pending.set(router.embed(route, request).subscribe().with(
                embeddings -> OnContext.run(context, () -> {
                    admitted.release().run();
                    HttpReplies.json(ctx.response(), 200, EmbeddingsJson.of(route.alias(), embeddings,
                            decoded.base64()));
                }),
                failure -> OnContext.run(context, () -> {
                    admitted.release().run();
                    HttpReplies.error(ctx.response(), failure);
                })));
        // A client that leaves stops the upstream call (its connection is closed) and frees its slot.
        ctx.response().closeHandler(v -> {
            pending.get().cancel();
            admitted.release().run();
        });
    }

    /** The inputs as they may go upstream: masked when the key's (else the default) profile masks prompts. */
    private EmbeddingRequest masked(EmbeddingRequest request, String profileName) {
        MaskingProfile profile = masking.profile(profileName);
        if (!profile.maskPrompts()) {
            return request;
        }
        List<ChatMessage> masked = profile.maskMessages(request.input().stream().map(ChatMessage::user).toList());
        return new EmbeddingRequest(request.model(), masked.stream().map(ChatMessage::content).toList(),
                request.dimensions());
    }
}
