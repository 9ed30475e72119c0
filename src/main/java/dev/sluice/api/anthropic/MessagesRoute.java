package dev.sluice.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.api.http.ApiError;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.common.GenerationPath;
import dev.sluice.api.http.HttpReplies;
import dev.sluice.api.common.IngressCall;
import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.SessionHeader;
import dev.sluice.api.common.StartRequest;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.security.Principal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Anthropic's Messages API: {@code POST /v1/messages}, streamed as Anthropic's events or answered
 * as one {@code message}, and {@code POST /v1/messages/count_tokens}, so an Anthropic SDK pointed
 * at Sluice works unchanged, whichever provider the model alias routes to. Keys come in
 * {@code x-api-key} (read by the authenticator like every key header); {@code anthropic-version}
 * and {@code anthropic-beta} are accepted, whatever they say, and change nothing.
 */
@ApplicationScoped
public class MessagesRoute {

    /**
     * Before authentication (security's routes, from -200) so that its 401 and every other error on
     * these paths (415, 413, unknown path, wrong method) comes in Anthropic's shape.
     */
    static final int SHAPE_ORDER = -300;

    private final GenerationPath path;
    private final ApiLimits limits;
    private final ProviderRegistry registry;
    private final InputTokens inputTokens;

    MessagesRoute(GenerationPath path, ApiLimits limits, ProviderRegistry registry, InputTokens inputTokens) {
        this.path = path;
        this.limits = limits;
        this.registry = registry;
        this.inputTokens = inputTokens;
    }

    void register(@Observes Router router) {
        router.route("/v1/messages*").order(SHAPE_ORDER).handler(ctx -> {
            HttpReplies.useShape(ctx, AnthropicErrors.SHAPE);
            ctx.next();
        });
        router.post("/v1/messages")
                .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
                .handler(ctx -> path.serve(ctx, AnthropicErrors.SHAPE, this::map))
                .failureHandler(HttpReplies::routeFailure);
        router.post("/v1/messages/count_tokens")
                .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
                .handler(this::countTokens)
                .failureHandler(HttpReplies::routeFailure);
    }

    private IngressCall map(JsonNode root, RoutingContext ctx) {
        MessagesRequest request = MessagesRequest.decode(root, limits, true);
        StartRequest start = SessionHeader.apply(request.start(), ctx.request().getHeader(SessionHeader.NAME));
        int estimate = inputTokens.of(start.generation());
        return new IngressCall(start, delivery -> {
            String id = MessageJson.id(delivery.started().id());
            if (request.stream()) {
                delivery.sseAfterFirstOutput(new MessageEventEncoder(id, delivery.started().model(), estimate),
                        "anthropic");
            } else {
                delivery.whole(summary -> MessageJson.message(id, summary, estimate));
            }
        });
    }

    /** {@code {"input_tokens": N}}: Sluice's estimate ({@link InputTokens}); no stream is started. */
    private void countTokens(RoutingContext ctx) {
        if (!HttpReplies.requireJson(ctx, AnthropicErrors.SHAPE)) {
            return;
        }
        try {
            JsonNode root = JsonFields.parseObject(ctx.body().asString());
            GenerationRequest request = MessagesRequest.decode(root, limits, false).start().generation();
            // The same 404 as a generation would get: unknown alias, or one the key may not use.
            registry.route(request.model());
            if (!Principal.of(ctx).settings().allowsModel(request.model())) {
                throw new InvalidRequestException(ApiError.notFound("model", "model_not_found",
                        "The model does not exist or you do not have access to it."));
            }
            HttpReplies.json(ctx.response(), 200,
                    JsonNodeFactory.instance.objectNode().put("input_tokens", inputTokens.of(request)));
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e, AnthropicErrors.SHAPE);
        }
    }
}
