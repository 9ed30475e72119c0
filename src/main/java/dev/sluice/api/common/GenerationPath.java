package dev.sluice.api.common;

import dev.sluice.api.http.ErrorShape;
import dev.sluice.api.http.HttpReplies;
import dev.sluice.api.http.OnContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.ops.StreamMetrics;
import dev.sluice.security.Principal;
import dev.sluice.security.StreamAdmission;
import dev.sluice.session.GenerationStart;
import dev.sluice.session.SessionStreams;
import dev.sluice.stream.StartedStream;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamService;
import dev.sluice.stream.journal.UnknownStreamException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one start-and-deliver path every ingress takes (DESIGN §3): admission (the key's models,
 * limits and rate limits), the start in the request's session (routing, masking, history) and the
 * hand-over of the stream to the ingress's answer; or, for a request that follows a running stream,
 * the tenant check and the hand-over. An ingress brings only a {@link RequestMapper} (its wire
 * request to a {@link StartRequest}) and an encoder; no route repeats this sequence.
 *
 * <p>Every step continues on the request's Vert.x context (at once when already there, see
 * {@link OnContext}), so the provider's upstream client and the response share one event loop.
 */
@ApplicationScoped
public class GenerationPath {

    private final StreamService streams;
    private final SessionStreams sessionStreams;
    private final StreamAdmission admission;
    private final StreamMetrics metrics;
    private final StreamConfig streamConfig;
    private final Vertx vertx;

    GenerationPath(StreamService streams, SessionStreams sessionStreams, StreamAdmission admission,
                   StreamMetrics metrics, StreamConfig streamConfig, Vertx vertx) {
        this.streams = streams;
        this.sessionStreams = sessionStreams;
        this.admission = admission;
        this.metrics = metrics;
        this.streamConfig = streamConfig;
        this.vertx = vertx;
    }

    /** A stream started for a caller, with the headers its admission answers with (rate-limit status). */
    public record Started(StartedStream stream, Map<String, String> headers) {}

    /**
     * Admits and starts a generation for {@code principal}. Every failure (bad request, limits,
     * unknown model or session, capacity) arrives in the Uni, on the caller's context.
     */
    public Uni<Started> start(Principal principal, StartRequest request) {
        return start(principal, request, headers -> { });
    }

    private Uni<Started> start(Principal principal, StartRequest request, Consumer<Map<String, String>> admitted) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> {
            try {
                admission.admit(principal, request.generation(), request.maskingProfile()).subscribe().with(
                        ok -> continueOn(context, () -> {
                            admitted.accept(ok.headers());
                            GenerationStart start = new GenerationStart(ok.request(), request.maskingProfile(),
                                    ok.maskingProfile(), ok.owner(), principal.keyId());
                            sessionStreams.start(start).subscribe().with(
                                    started -> continueOn(context,
                                            () -> emitter.complete(new Started(started, ok.headers()))),
                                    failure -> continueOn(context, () -> emitter.fail(failure)));
                        }, emitter::fail),
                        failure -> continueOn(context, () -> emitter.fail(failure)));
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        });
    }

    /**
     * Serves an HTTP request that starts a generation: JSON body → the ingress's mapper → admission
     * and start → the ingress's reply, with {@code X-Sluice-Stream-Id} and the admission's headers
     * set. Any failure before the reply is answered in {@code shape}.
     */
    public void serve(RoutingContext ctx, ErrorShape shape, RequestMapper mapper) {
        long requestNanos = System.nanoTime();
        Context context = Vertx.currentContext();
        if (!HttpReplies.requireJson(ctx, shape)) {
            return;
        }
        IngressCall call;
        try {
            JsonNode body = JsonFields.parseObject(ctx.body().asString());
            call = mapper.map(body, ctx);
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e, shape);
            return;
        }
        Principal principal = Principal.of(ctx);
        start(principal, call.request(), headers -> headers.forEach(ctx.response()::putHeader)).subscribe().with(
                started -> {
                    try {
                        ctx.response().putHeader("X-Sluice-Stream-Id", started.stream().id());
                        call.reply().answer(new HttpDelivery(this, ctx, context, shape, started.stream().id(),
                                started.stream(), principal.tenant(), requestNanos, -1));
                    } catch (RuntimeException e) {
                        HttpReplies.error(ctx.response(), e, shape);
                    }
                },
                failure -> HttpReplies.error(ctx.response(), failure, shape));
    }

    /**
     * Serves an HTTP request that follows an existing stream of the caller's tenant (asking the
     * shared store when it runs on another replica): the reply gets the events after {@code after},
     * and an unknown stream (or another tenant's) is a 404 in {@code shape}.
     */
    public void join(RoutingContext ctx, ErrorShape shape, String streamId, long after, IngressCall.Reply reply) {
        Context context = Vertx.currentContext();
        String tenant = Principal.of(ctx).tenant();
        streams.find(streamId, tenant).subscribe().with(
                found -> continueOn(context, () -> {
                    if (!found) {
                        HttpReplies.error(ctx.response(), new UnknownStreamException(streamId), shape);
                        return;
                    }
                    reply.answer(new HttpDelivery(this, ctx, context, shape, streamId, null, tenant, System.nanoTime(),
                            after));
                }, failure -> HttpReplies.error(ctx.response(), failure, shape)),
                failure -> continueOn(context, () -> HttpReplies.error(ctx.response(), failure, shape)));
    }

    /** Runs the step on the request's context; a step that throws fails the request instead. */
    private static void continueOn(Context context, Runnable step, Consumer<RuntimeException> onFailure) {
        Runnable guarded = () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
        };
        if (context == null) {
            guarded.run();
        } else {
            OnContext.run(context, guarded);
        }
    }

    private static void continueOn(Context context, Runnable step) {
        continueOn(context, step, e -> { throw e; });
    }

    StreamService streams() {
        return streams;
    }

    StreamMetrics metrics() {
        return metrics;
    }

    Vertx vertx() {
        return vertx;
    }

    long heartbeatMillis() {
        return streamConfig.heartbeat().toMillis();
    }

    long firstOutputWaitMillis() {
        return streamConfig.firstOutputWait().toMillis();
    }
}
