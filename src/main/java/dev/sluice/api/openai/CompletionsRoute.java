package dev.sluice.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.ErrorShape;
import dev.sluice.api.common.EventJson;
import dev.sluice.api.common.GenerationPath;
import dev.sluice.api.http.HttpReplies;
import dev.sluice.api.common.IngressCall;
import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.SessionHeader;
import dev.sluice.api.common.StartRequest;
import dev.sluice.security.Principal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * OpenAI's legacy {@code POST /v1/completions} (prompt in, text out), which many tools and vLLM
 * users still send: streamed as {@code text_completion} chunks or answered whole. The prompt goes
 * upstream as a raw prompt where the adapter's upstream continues prompts (OpenAI-compatible
 * {@code /completions}, Ollama {@code /api/generate} with {@code raw}), as a user turn elsewhere.
 */
@ApplicationScoped
public class CompletionsRoute {

    private final GenerationPath path;
    private final ApiLimits limits;
    private final EventJson json;

    CompletionsRoute(GenerationPath path, ApiLimits limits, EventJson json) {
        this.path = path;
        this.limits = limits;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.post("/v1/completions")
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
        String session = ctx.request().getHeader(SessionHeader.NAME);
        if (session != null && !session.isBlank()) {
            throw InvalidRequestException.of("session", "unsupported_parameter", "A legacy completion runs in no "
                    + "session; drop the " + SessionHeader.NAME + " header or use /v1/chat/completions.");
        }
        StartRequest request = CompletionRequestDecoder.decode(root, limits, Principal.of(ctx).settings().maxTokens());
        return new IngressCall(request, delivery -> {
            String completionId = "cmpl-" + delivery.started().id().substring(4);
            if (stream) {
                delivery.sseAfterFirstOutput(new CompletionChunkEncoder(json.mapper(), completionId,
                        delivery.started().model(), delivery.started().created(), includeUsage), "openai");
            } else {
                delivery.whole(summary -> CompletionJson.completion(json.mapper(), completionId, summary));
            }
        });
    }
}
