package dev.sluice.api.streams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.ErrorShape;
import dev.sluice.api.common.EventJson;
import dev.sluice.api.common.GenerationPath;
import dev.sluice.api.http.HttpReplies;
import dev.sluice.api.common.IngressCall;
import dev.sluice.api.http.OnContext;
import dev.sluice.api.common.SessionHeader;
import dev.sluice.api.common.StartRequest;
import dev.sluice.api.common.StartRequestDecoder;
import dev.sluice.security.Principal;
import dev.sluice.stream.StreamIds;
import dev.sluice.stream.StreamService;
import dev.sluice.stream.StreamSummary;
import dev.sluice.stream.journal.UnknownStreamException;
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

    private final GenerationPath path;
    private final StreamService streams;
    private final ApiLimits limits;
    private final EventJson json;

    StreamsRoutes(GenerationPath path, StreamService streams, ApiLimits limits, EventJson json) {
        this.path = path;
        this.streams = streams;
        this.limits = limits;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.post("/v1/streams")
                .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
                .handler(ctx -> path.serve(ctx, ErrorShape.OPENAI, this::map))
                .failureHandler(HttpReplies::routeFailure);
        router.get("/v1/streams/:id/events").handler(this::events).failureHandler(HttpReplies::routeFailure);
        router.get("/v1/streams/:id").handler(this::status).failureHandler(HttpReplies::routeFailure);
        router.delete("/v1/streams/:id").handler(this::cancel).failureHandler(HttpReplies::routeFailure);
    }

    /** A start answers with the events directly when the client accepts SSE, else with 201 and the stream's URL. */
    private IngressCall map(JsonNode root, RoutingContext ctx) {
        StartRequest request = SessionHeader.apply(StartRequestDecoder.decode(root, limits, "simulator", true),
                ctx.request().getHeader(SessionHeader.NAME));
        boolean sse = accepts(ctx, "text/event-stream");
        return new IngressCall(request, delivery -> {
            if (sse) {
                delivery.sseAfterFirstOutput(new NativeSseEncoder(json), "sse");
            } else {
                String id = delivery.streamId();
                ctx.response().putHeader("Location", "/v1/streams/" + id);
                delivery.json(201, StreamStatusJson.created(id, delivery.started().model(), "running"));
            }
        });
    }

    private void events(RoutingContext ctx) {
        try {
            long after = ResumePoint.parse(ctx.request().getHeader("Last-Event-ID"), ctx.request().getParam("after"));
            path.join(ctx, ErrorShape.OPENAI, streamId(ctx), after, d -> d.sse(new NativeSseEncoder(json), "sse"));
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
            path.join(ctx, ErrorShape.OPENAI, id, -1, delivery -> {
                streams.cancel(id, delivery.tenant());
                replyWithStatus(ctx, context, id, delivery.events().collect().last()
                        .chain(ignored -> streams.summary(id, delivery.tenant())));
            });
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e);
        }
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
