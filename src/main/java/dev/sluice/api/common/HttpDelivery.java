package dev.sluice.api.common;

import dev.sluice.api.http.ApiError;
import dev.sluice.api.http.ErrorMapper;
import dev.sluice.api.http.ErrorShape;
import dev.sluice.api.http.HttpReplies;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.sse.SseEncoder;
import dev.sluice.api.sse.SseResponse;
import dev.sluice.ops.DeliveryMeters;
import dev.sluice.stream.StartedStream;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.StreamSummary;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * One HTTP request's view of a stream that was started (or joined) by {@link GenerationPath}: the
 * few ways an ingress answers, each reading the one journal. Every method runs on the request's
 * context and answers once; errors go out in the ingress's {@link ErrorShape}.
 */
public final class HttpDelivery {

    private final GenerationPath path;
    private final RoutingContext ctx;
    private final Context context;
    private final ErrorShape shape;
    private final String streamId;
    private final StartedStream started;
    private final String tenant;
    private final long requestNanos;
    private final long after;

    HttpDelivery(GenerationPath path, RoutingContext ctx, Context context, ErrorShape shape, String streamId,
                 StartedStream started, String tenant, long requestNanos, long after) {
        this.path = path;
        this.ctx = ctx;
        this.context = context;
        this.shape = shape;
        this.streamId = streamId;
        this.started = started;
        this.tenant = tenant;
        this.requestNanos = requestNanos;
        this.after = after;
    }

    public String streamId() {
        return streamId;
    }

    /** The stream as it started on this replica, or null when this request joined an existing stream. */
    public StartedStream started() {
        return started;
    }

    public String tenant() {
        return tenant;
    }

    /** The last seq the client already has, or -1 from the start (resume point of a join). */
    public long after() {
        return after;
    }

    public RoutingContext routingContext() {
        return ctx;
    }

    /** The stream's events after {@link #after()}: replay, then live. */
    public Multi<StreamEvent> events() {
        return path.streams().subscribe(streamId, after, tenant);
    }

    /** Streams every event after {@link #after()} as SSE through the ingress's encoder. */
    public void sse(SseEncoder encoder, String transport) {
        sse(events(), encoder, transport);
    }

    /** Streams these events (a view of this stream's journal) as SSE. */
    public void sse(Multi<StreamEvent> events, SseEncoder encoder, String transport) {
        SseResponse.deliver(path.vertx(), context, ctx.response(), events, encoder, meters(transport),
                path.metrics(), path.heartbeatMillis(), after);
    }

    /**
     * Streams as SSE once the stream's first output (text or a tool call) or its end is known: a
     * stream that fails before any output (an upstream that refused, timed out or failed, a policy
     * block) is answered with its HTTP error status and body in the ingress's shape instead, with
     * {@code Retry-After} when the upstream gave one, as OpenAI answers such a request. After the
     * first output a failure ends the stream in-band, in the encoder's error event.
     */
    public void sseAfterFirstOutput(SseEncoder encoder, String transport) {
        SseResponse.deliverAfterFirstOutput(path.vertx(), context, ctx.response(), events(), encoder,
                meters(transport), path.metrics(), path.heartbeatMillis(), path.firstOutputWaitMillis(), shape);
    }

    /**
     * Answers with the whole response once the stream has ended: the body the ingress builds
     * from the stream's summary, or the stream's error as an HTTP error.
     */
    public void whole(Function<StreamSummary, JsonNode> body) {
        Cancellable pending = events().collect().asList().subscribe().with(
                events -> context.runOnContext(v -> {
                    StreamSummary summary = StreamSummary.of(streamId, events);
                    if (summary.error() != null) {
                        if (summary.error().retryAfter() != null) {
                            ctx.response().putHeader("Retry-After", Long.toString(summary.error().retryAfter()));
                        }
                        error(ErrorMapper.fromStreamError(summary.error().code(), summary.error().message()));
                    } else {
                        json(200, body.apply(summary));
                    }
                }),
                failure -> context.runOnContext(v -> error(failure)));
        ctx.response().closeHandler(v -> pending.cancel());
    }

    public void json(int status, JsonNode body) {
        HttpReplies.json(ctx.response(), status, body);
    }

    public void error(Throwable failure) {
        HttpReplies.error(ctx.response(), failure, shape);
    }

    public void error(ApiError error) {
        HttpReplies.error(ctx.response(), error, shape);
    }

    /** Per-token delivery metrics for a subscriber that reads the stream live from its start, else none. */
    private DeliveryMeters meters(String transport) {
        if (started != null) {
            return path.metrics().delivery(started.provider(), started.metricsModel(), transport)
                    .fromRequest(requestNanos).streamStartedAt(started.startNanos());
        }
        if (after >= 0) {
            return null;
        }
        return path.streams().local(streamId).map(s -> path.metrics().delivery(s.provider(), s.metricsModel(), transport)
                .streamStartedAt(s.startNanos())).orElse(null);
    }
}
