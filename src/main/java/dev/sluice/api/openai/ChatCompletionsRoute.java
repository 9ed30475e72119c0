package dev.sluice.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.common.ErrorMapper;
import dev.sluice.api.common.EventJson;
import dev.sluice.api.common.HttpReplies;
import dev.sluice.api.common.OnContext;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.GenerationStarts;
import dev.sluice.api.common.SessionHeader;
import dev.sluice.api.common.StartRequestDecoder;
import dev.sluice.session.SessionStreams;
import dev.sluice.api.sse.SseResponse;
import dev.sluice.ops.StreamMetrics;
import dev.sluice.security.Principal;
import dev.sluice.security.StreamAdmission;
import dev.sluice.api.common.StartRequest;
import dev.sluice.stream.StartedStream;
import dev.sluice.stream.ErrorCode;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamEvent;
import dev.sluice.stream.StreamService;
import dev.sluice.stream.StreamSummary;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * OpenAI-compatible {@code POST /v1/chat/completions}: streamed as {@code chat.completion.chunk}
 * SSE or answered whole, so any OpenAI SDK pointed at Sluice works unchanged.
 */
@ApplicationScoped
public class ChatCompletionsRoute {

    private final StreamService streams;
    private final StreamMetrics metrics;
    private final StreamConfig streamConfig;
    private final ApiLimits limits;
    private final EventJson json;
    private final Vertx vertx;
    private final StreamAdmission admission;
    private final SessionStreams sessionStreams;

    ChatCompletionsRoute(StreamService streams, StreamMetrics metrics, StreamConfig streamConfig, ApiLimits limits,
                         EventJson json, Vertx vertx, StreamAdmission admission,
                         SessionStreams sessionStreams) {
        this.sessionStreams = sessionStreams;
        this.admission = admission;
        this.streams = streams;
        this.metrics = metrics;
        this.streamConfig = streamConfig;
        this.limits = limits;
        this.json = json;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.post("/v1/chat/completions")
                .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
                .handler(this::handle)
                .failureHandler(HttpReplies::routeFailure);
    }

    private void handle(RoutingContext ctx) {
        long requestNanos = System.nanoTime();
        Context context = Vertx.currentContext();
        if (!HttpReplies.requireJson(ctx)) {
            return;
        }
        boolean stream;
        boolean includeUsage;
        StartRequest request;
        try {
            JsonNode root = JsonFields.parseObject(ctx.body().asString());
            stream = JsonFields.optionalBoolean(root, "stream", false);
            JsonNode streamOptions = root.get("stream_options");
            if (streamOptions != null && !streamOptions.isNull() && !streamOptions.isObject()) {
                throw JsonFields.wrongType("stream_options", "an object");
            }
            includeUsage = streamOptions != null && streamOptions.isObject()
                    && JsonFields.optionalBoolean(streamOptions, "include_usage", false);
            request = SessionHeader.apply(StartRequestDecoder.decode(root, limits, "sluice", false),
                    ctx.request().getHeader(SessionHeader.NAME));
            Principal principal = Principal.of(ctx);
            admission.admit(principal, request.generation(), request.maskingProfile()).subscribe().with(
                    admitted -> OnContext.run(context, () -> start(ctx, context, request, admitted, stream,
                            includeUsage, requestNanos, principal.tenant())),
                    failure -> OnContext.run(context, () -> HttpReplies.error(ctx.response(), failure)));
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e);
        }
    }

    private void start(RoutingContext ctx, Context context, StartRequest request, StreamAdmission.Admitted admitted,
                       boolean stream, boolean includeUsage, long requestNanos, String tenant) {
        try {
            admitted.headers().forEach(ctx.response()::putHeader);
            sessionStreams.start(GenerationStarts.of(request, admitted, Principal.of(ctx))).subscribe().with(
                    started -> OnContext.run(context, () -> respond(ctx, context, started, stream, includeUsage,
                            requestNanos, tenant)),
                    failure -> OnContext.run(context, () -> HttpReplies.error(ctx.response(), failure)));
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e);
        }
    }

    private void respond(RoutingContext ctx, Context context, StartedStream started, boolean stream,
                         boolean includeUsage, long requestNanos, String tenant) {
        String completionId = "chatcmpl-" + started.id().substring(4);
        ctx.response().putHeader("X-Sluice-Stream-Id", started.id());
        if (stream) {
            // A block before any text is a 400, as OpenAI answers a refused request: wait for the
            // first text (or the end) before the headers, then deliver from the journal's start.
            Cancellable head = streams.subscribe(started.id(), -1, tenant)
                    .select().where(e -> e instanceof StreamEvent.Text || e.terminal()).toUni()
                    .subscribe().with(first -> context.runOnContext(v -> {
                        if (first instanceof StreamEvent.Error error && error.code() == ErrorCode.POLICY_VIOLATION) {
                            HttpReplies.error(ctx.response(), ErrorMapper.fromStreamError(error.code(), error.message()));
                            return;
                        }
                        SseResponse.deliver(vertx, context, ctx.response(), streams.subscribe(started.id(), -1, tenant),
                                new ChatChunkEncoder(json.mapper(), completionId, started.model(), started.created(),
                                        includeUsage),
                                metrics.delivery(started.provider(), started.model(), "openai")
                                        .fromRequest(requestNanos).streamStartedAt(started.startNanos()),
                                metrics, streamConfig.heartbeat().toMillis(), -1);
                    }), failure -> context.runOnContext(v -> HttpReplies.error(ctx.response(), failure)));
            ctx.response().closeHandler(v -> head.cancel());
            return;
        }
        Cancellable pending = streams.subscribe(started.id(), -1, tenant).collect().asList().subscribe().with(
                events -> context.runOnContext(v -> {
                    StreamSummary summary = StreamSummary.of(started.id(), events);
                    if (summary.error() != null) {
                        HttpReplies.error(ctx.response(),
                                ErrorMapper.fromStreamError(summary.error().code(), summary.error().message()));
                    } else {
                        HttpReplies.json(ctx.response(), 200,
                                ChatCompletionJson.completion(json.mapper(), completionId, summary));
                    }
                }),
                failure -> context.runOnContext(v -> HttpReplies.error(ctx.response(), failure)));
        ctx.response().closeHandler(v -> pending.cancel());
    }
}
