package dev.sluice.api.streams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.common.EventJson;
import dev.sluice.api.common.HttpReplies;
import dev.sluice.api.common.OnContext;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.GenerationStarts;
import dev.sluice.api.common.SessionHeader;
import dev.sluice.api.common.StartRequestDecoder;
import dev.sluice.session.SessionStreams;
import dev.sluice.api.sse.SseResponse;
import dev.sluice.ops.DeliveryMeters;
import dev.sluice.ops.StreamMetrics;
import dev.sluice.security.Principal;
import dev.sluice.security.StreamAdmission;
import dev.sluice.api.common.StartRequest;
import dev.sluice.stream.StartedStream;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamEvent;
import dev.sluice.stream.StreamIds;
import dev.sluice.stream.StreamService;
import dev.sluice.stream.StreamSummary;
import dev.sluice.stream.journal.UnknownStreamException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Sluice's native stream API: start ({@code POST /v1/streams}), follow and resume as SSE
 * ({@code GET /v1/streams/{id}/events}), status ({@code GET /v1/streams/{id}}) and cancel
 * ({@code DELETE /v1/streams/{id}}).
 */
@ApplicationScoped
public class StreamsRoutes {

    private final StreamService streams;
    private final StreamMetrics metrics;
    private final StreamConfig streamConfig;
    private final ApiLimits limits;
    private final EventJson json;
    private final Vertx vertx;
    private final StreamAdmission admission;
    private final SessionStreams sessionStreams;

    StreamsRoutes(StreamService streams, StreamMetrics metrics, StreamConfig streamConfig, ApiLimits limits,
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
        router.post("/v1/streams")
                .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
                .handler(this::start)
                .failureHandler(HttpReplies::routeFailure);
        router.get("/v1/streams/:id/events").handler(this::events).failureHandler(HttpReplies::routeFailure);
        router.get("/v1/streams/:id").handler(this::status).failureHandler(HttpReplies::routeFailure);
        router.delete("/v1/streams/:id").handler(this::cancel).failureHandler(HttpReplies::routeFailure);
    }

    private void start(RoutingContext ctx) {
        long requestNanos = System.nanoTime();
        Context context = Vertx.currentContext();
        if (!HttpReplies.requireJson(ctx)) {
            return;
        }
        try {
            JsonNode root = JsonFields.parseObject(ctx.body().asString());
            StartRequest request = SessionHeader.apply(StartRequestDecoder.decode(root, limits, "simulator", true),
                    ctx.request().getHeader(SessionHeader.NAME));
            boolean sse = accepts(ctx, "text/event-stream");
            String tenant = Principal.of(ctx).tenant();
            admission.admit(Principal.of(ctx), request.generation(), request.maskingProfile()).subscribe().with(
                    admitted -> OnContext.run(context, () -> start(ctx, context, request, admitted, sse, tenant,
                            requestNanos)),
                    failure -> OnContext.run(context, () -> HttpReplies.error(ctx.response(), failure)));
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e);
        }
    }

    private void start(RoutingContext ctx, Context context, StartRequest request, StreamAdmission.Admitted admitted,
                       boolean sse, String tenant, long requestNanos) {
        try {
            admitted.headers().forEach(ctx.response()::putHeader);
            sessionStreams.start(GenerationStarts.of(request, admitted, Principal.of(ctx))).subscribe().with(
                    started -> OnContext.run(context, () -> {
                        ctx.response().putHeader("X-Sluice-Stream-Id", started.id());
                        if (sse) {
                            deliver(ctx, context, started.id(), streams.subscribe(started.id(), -1, tenant), -1,
                                    meters(started).fromRequest(requestNanos));
                        } else {
                            ctx.response().putHeader("Location", "/v1/streams/" + started.id());
                            HttpReplies.json(ctx.response(), 201,
                                    StreamStatusJson.created(started.id(), started.model(), "running"));
                        }
                    }),
                    failure -> OnContext.run(context, () -> HttpReplies.error(ctx.response(), failure)));
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e);
        }
    }

    private void events(RoutingContext ctx) {
        Context context = Vertx.currentContext();
        try {
            String id = streamId(ctx);
            long after = ResumePoint.parse(ctx.request().getHeader("Last-Event-ID"), ctx.request().getParam("after"));
            String tenant = Principal.of(ctx).tenant();
            whenFound(ctx, context, id, tenant, () -> {
                Multi<StreamEvent> events = streams.subscribe(id, after, tenant);
                DeliveryMeters meters = after < 0 ? streams.local(id).map(this::meters).orElse(null) : null;
                deliver(ctx, context, id, events, after, meters);
            });
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e);
        }
    }

    private void status(RoutingContext ctx) {
        Context context = Vertx.currentContext();
        try {
            String id = streamId(ctx);
            replyWithStatus(ctx, context, id, streams.summary(id, Principal.of(ctx).tenant()));
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e);
        }
    }

    /** Cancels, then answers with the status once the stream has ended. */
    private void cancel(RoutingContext ctx) {
        Context context = Vertx.currentContext();
        try {
            String id = streamId(ctx);
            String tenant = Principal.of(ctx).tenant();
            whenFound(ctx, context, id, tenant, () -> {
                streams.cancel(id, tenant);
                replyWithStatus(ctx, context, id, streams.subscribe(id, -1, tenant).collect().last()
                        .chain(ignored -> streams.summary(id, tenant)));
            });
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e);
        }
    }

    /**
     * Runs {@code action} on the request's context once the stream is known to be this tenant's
     * (asking the shared store when it runs on another replica), else answers 404.
     */
    private void whenFound(RoutingContext ctx, Context context, String id, String tenant, Runnable action) {
        streams.find(id, tenant).subscribe().with(
                found -> OnContext.run(context, () -> {
                    try {
                        if (found) {
                            action.run();
                        } else {
                            HttpReplies.error(ctx.response(), new UnknownStreamException(id));
                        }
                    } catch (RuntimeException e) {
                        HttpReplies.error(ctx.response(), e);
                    }
                }),
                failure -> OnContext.run(context, () -> HttpReplies.error(ctx.response(), failure)));
    }

    /** Answers with the status document, or 404 when the stream is unknown to this tenant. */
    private static void replyWithStatus(RoutingContext ctx, Context context, String id,
                                        Uni<Optional<StreamSummary>> summary) {
        summary.subscribe().with(
                found -> OnContext.run(context, () -> found.ifPresentOrElse(
                        s -> HttpReplies.json(ctx.response(), 200, StreamStatusJson.of(s)),
                        () -> HttpReplies.error(ctx.response(), new UnknownStreamException(id)))),
                failure -> OnContext.run(context, () -> HttpReplies.error(ctx.response(), failure)));
    }

    private void deliver(RoutingContext ctx, Context context, String id, Multi<StreamEvent> events, long after,
                         DeliveryMeters meters) {
        SseResponse.deliver(vertx, context, ctx.response(), events, new NativeSseEncoder(json), meters, metrics,
                streamConfig.heartbeat().toMillis(), after);
    }

    private DeliveryMeters meters(StartedStream started) {
        return metrics.delivery(started.provider(), started.model(), "sse").streamStartedAt(started.startNanos());
    }

    private static String streamId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!StreamIds.looksValid(id)) {
            throw new UnknownStreamException(id);
        }
        return id;
    }

    private static boolean accepts(RoutingContext ctx, String mediaType) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.toLowerCase().contains(mediaType);
    }
}
