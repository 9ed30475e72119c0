package dev.sluice.api.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.ErrorMapper;
import dev.sluice.api.common.GenerationPath;
import dev.sluice.api.common.HttpDelivery;
import dev.sluice.api.http.HttpReplies;
import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.http.OnContext;
import dev.sluice.api.common.SessionHeader;
import dev.sluice.api.common.StartRequest;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.security.Principal;
import dev.sluice.session.Session;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.StreamService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * OpenAI's Responses API: create ({@code POST /v1/responses}, streamed, whole or in the
 * background), retrieve and resume ({@code GET /v1/responses/{id}}, with {@code ?stream=true}
 * and {@code starting_after}), cancel ({@code POST /v1/responses/{id}/cancel}) and delete
 * ({@code DELETE /v1/responses/{id}}). Streams start and are followed through
 * {@link GenerationPath}; a stored response is a session ({@link StoredResponses}).
 */
@ApplicationScoped
public class ResponsesRoutes {

    private static final String TRANSPORT = "responses";

    private final GenerationPath path;
    private final StreamService streams;
    private final StoredResponses stored;
    private final ApiLimits limits;

    ResponsesRoutes(GenerationPath path, StreamService streams, StoredResponses stored, ApiLimits limits) {
        this.path = path;
        this.streams = streams;
        this.stored = stored;
        this.limits = limits;
    }

    void register(@Observes Router router) {
        router.post("/v1/responses")
                .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
                .handler(this::create)
                .failureHandler(HttpReplies::routeFailure);
        router.get("/v1/responses/:id").handler(this::retrieve).failureHandler(HttpReplies::routeFailure);
        router.post("/v1/responses/:id/cancel").handler(this::cancel).failureHandler(HttpReplies::routeFailure);
        router.delete("/v1/responses/:id").handler(this::delete).failureHandler(HttpReplies::routeFailure);
    }

    /** A response's stream once started, and its session when it is stored. */
    private record Begun(GenerationPath.Started started, Session session) {}

    private void create(RoutingContext ctx) {
        Executor here = here();
        if (!HttpReplies.requireJson(ctx, ResponseErrors.SHAPE)) {
            return;
        }
        Principal principal = Principal.of(ctx);
        ResponseRequest request;
        try {
            request = ResponseRequestDecoder.decode(JsonFields.parseObject(ctx.body().asString()), limits,
                    ctx.request().getHeader(SessionHeader.NAME));
            int ceiling = principal.settings().maxTokens();
            if (ceiling > 0 && request.maxOutputTokens() != null && request.maxOutputTokens() > ceiling) {
                throw InvalidRequestException.of("max_output_tokens", "invalid_value",
                        "'max_output_tokens' must be at most " + ceiling + " for this API key.");
            }
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e, ResponseErrors.SHAPE);
            return;
        }
        Uni<List<ChatMessage>> history = request.previousResponseId() == null ? Uni.createFrom().item(List.of())
                : stored.history(request.previousResponseId(), principal.tenant());
        history.emitOn(here)
                .chain(earlier -> begin(request, earlier, principal, here))
                .emitOn(here)
                .subscribe().with(begun -> deliver(ctx, request, begun), failure -> fail(ctx, failure));
    }

    /**
     * Starts the stream: in the response's new session when it is stored (the session holds the
     * instructions and the earlier conversation), else with both in the request's messages.
     */
    private Uni<Begun> begin(ResponseRequest request, List<ChatMessage> earlier, Principal principal, Executor here) {
        List<ChatMessage> input = ResponseInputDecoder.named(request.input(), earlier);
        if (!request.store()) {
            List<ChatMessage> messages = new ArrayList<>();
            if (request.instructions() != null) {
                messages.add(ChatMessage.system(request.instructions()));
            }
            messages.addAll(earlier);
            messages.addAll(input);
            return path.start(principal, startRequest(request, messages, null)).map(s -> new Begun(s, null));
        }
        return stored.create(request, earlier, principal).emitOn(here)
                .chain(session -> path.start(principal, startRequest(request, input, session.id()))
                        .onFailure().call(failure -> stored.discard(session).onFailure().recoverWithNull())
                        .map(started -> new Begun(started, session)));
    }

    private static StartRequest startRequest(ResponseRequest request, List<ChatMessage> messages, String session) {
        return new StartRequest(new GenerationRequest(request.model(), messages, request.maxOutputTokens(),
                request.temperature(), request.background(), session, request.options(), request.tools()),
                request.masking());
    }

    private void deliver(RoutingContext ctx, ResponseRequest request, Begun begun) {
        String streamId = begun.started().stream().id();
        begun.started().headers().forEach(ctx.response()::putHeader);
        ctx.response().putHeader("X-Sluice-Stream-Id", streamId);
        ResponseFold fold = new ResponseFold(request.id(), request.echo(), begun.started().stream().created());
        if (request.background() && !request.stream()) {
            HttpReplies.json(ctx.response(), 200, fold.response()); // queued: it runs on without anyone reading
            return;
        }
        path.join(ctx, ResponseErrors.SHAPE, streamId, -1, delivery -> {
            if (request.stream()) {
                // As on every ingress: a failure before any output is the HTTP error, not a 200 stream.
                delivery.sseAfterFirstOutput(new ResponseSseEncoder(fold, -1), TRANSPORT);
            } else {
                whole(delivery, fold);
            }
        });
    }

    /** The whole response once the stream has ended; a stream that failed answers its error's HTTP status. */
    private static void whole(HttpDelivery delivery, ResponseFold fold) {
        Executor here = here();
        Cancellable pending = delivery.events().collect().asList().emitOn(here).subscribe().with(
                events -> {
                    events.forEach(event -> fold.accept(event, ResponseFold.Sink.NONE));
                    StreamEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
                    if (last instanceof StreamEvent.Error error) {
                        delivery.error(ErrorMapper.fromStreamError(error.code(), error.message()));
                    } else {
                        delivery.json(200, fold.response());
                    }
                },
                delivery::error);
        delivery.routingContext().response().closeHandler(v -> pending.cancel());
    }

    private void retrieve(RoutingContext ctx) {
        Executor here = here();
        String tenant = Principal.of(ctx).tenant();
        boolean stream;
        long startingAfter;
        try {
            stream = streamParam(ctx.request().getParam("stream"));
            startingAfter = StartingAfter.parse(ctx.request().getHeader("Last-Event-ID"),
                    ctx.request().getParam("starting_after"));
        } catch (RuntimeException e) {
            HttpReplies.error(ctx.response(), e, ResponseErrors.SHAPE);
            return;
        }
        stored.find(ctx.pathParam("id"), tenant).emitOn(here).subscribe().with(response -> {
            if (!stream) {
                answer(ctx, here, stored.fold(response, tenant).map(ResponseFold::response));
            } else if (response.streamId() == null) {
                fail(ctx, ResponseErrors.unknown());
            } else {
                ResponseFold fold = new ResponseFold(response.id(), response.echo(), response.createdAt());
                path.join(ctx, ResponseErrors.SHAPE, response.streamId(), -1,
                        delivery -> delivery.sse(new ResponseSseEncoder(fold, startingAfter), TRANSPORT));
            }
        }, failure -> fail(ctx, failure));
    }

    /**
     * Cancels a running response and answers it once its stream has ended ({@code cancelled});
     * one that already ended is a 400, as OpenAI answers, unless it was cancelled before.
     */
    private void cancel(RoutingContext ctx) {
        Executor here = here();
        String tenant = Principal.of(ctx).tenant();
        stored.find(ctx.pathParam("id"), tenant).emitOn(here).subscribe().with(response -> {
            if (!response.running()) {
                answer(ctx, here, stored.fold(response, tenant).map(ResponsesRoutes::cancelled));
                return;
            }
            path.join(ctx, ResponseErrors.SHAPE, response.streamId(), -1, delivery -> {
                streams.cancel(response.streamId(), tenant);
                answer(ctx, here, delivery.events().collect().asList().map(events -> cancelled(
                        ResponseFold.of(response.id(), response.echo(), response.createdAt(), events))));
            });
        }, failure -> fail(ctx, failure));
    }

    private static ObjectNode cancelled(ResponseFold fold) {
        if (!"cancelled".equals(fold.status()) && !"queued".equals(fold.status())
                && !"in_progress".equals(fold.status())) {
            throw ResponseErrors.notCancellable(fold.status());
        }
        return fold.response();
    }

    private void delete(RoutingContext ctx) {
        Executor here = here();
        String id = ctx.pathParam("id");
        answer(ctx, here, stored.find(id, Principal.of(ctx).tenant())
                .chain(stored::erase)
                .map(ignored -> ResponseJson.deleted(id)));
    }

    private static void answer(RoutingContext ctx, Executor here,
                               Uni<? extends JsonNode> body) {
        body.emitOn(here).subscribe().with(json -> HttpReplies.json(ctx.response(), 200, json),
                failure -> fail(ctx, failure));
    }

    private static void fail(RoutingContext ctx, Throwable failure) {
        HttpReplies.error(ctx.response(), failure, ResponseErrors.SHAPE);
    }

    private static boolean streamParam(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw InvalidRequestException.of("stream", "invalid_value", "'stream' must be true or false.");
    }

    /** Continues on the request's context: at once when already there (see {@link OnContext}). */
    private static Executor here() {
        Context context = Vertx.currentContext();
        return task -> OnContext.run(context, task);
    }
}
