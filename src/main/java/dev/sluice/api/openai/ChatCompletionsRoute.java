package dev.sluice.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.ErrorShape;
import dev.sluice.api.common.EventJson;
import dev.sluice.api.common.GenerationPath;
import dev.sluice.api.http.HttpReplies;
import dev.sluice.api.common.IngressCall;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.SessionHeader;
import dev.sluice.api.common.StartRequest;
import dev.sluice.api.common.StartRequestDecoder;
import dev.sluice.api.common.ToolsDecoder;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * OpenAI-compatible {@code POST /v1/chat/completions}: streamed as {@code chat.completion.chunk}
 * SSE or answered whole, so any OpenAI SDK pointed at Sluice works unchanged. The route maps the
 * request and picks the encoder; {@link GenerationPath} does the rest.
 */
@ApplicationScoped
public class ChatCompletionsRoute {

    private final GenerationPath path;
    private final ApiLimits limits;
    private final EventJson json;

    ChatCompletionsRoute(GenerationPath path, ApiLimits limits, EventJson json) {
        this.path = path;
        this.limits = limits;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.post("/v1/chat/completions")
                .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
                .handler(ctx -> path.serve(ctx, ErrorShape.OPENAI, this::map))
                .failureHandler(HttpReplies::routeFailure);
    }

    private IngressCall map(JsonNode root, RoutingContext ctx) {
        boolean stream = JsonFields.optionalBoolean(root, "stream", false);
        JsonNode streamOptions = root.get("stream_options");
        if (streamOptions != null && !streamOptions.isNull() && !streamOptions.isObject()) {
            throw JsonFields.wrongType("stream_options", "an object");
        }
        boolean includeUsage = streamOptions != null && streamOptions.isObject()
                && JsonFields.optionalBoolean(streamOptions, "include_usage", false);
        boolean legacyFunctions = ToolsDecoder.legacyFunctions(root);
        StartRequest request = SessionHeader.apply(StartRequestDecoder.decode(root, limits, "sluice", false),
                ctx.request().getHeader(SessionHeader.NAME));
        return new IngressCall(request, delivery -> {
            String completionId = "chatcmpl-" + delivery.started().id().substring(4);
            if (stream) {
                delivery.sseAfterFirstOutput(new ChatChunkEncoder(json.mapper(), completionId,
                        delivery.started().model(), delivery.started().created(), includeUsage, legacyFunctions),
                        "openai");
            } else {
                delivery.whole(summary -> ChatCompletionJson.completion(json.mapper(), completionId, summary,
                        legacyFunctions));
            }
        });
    }
}
