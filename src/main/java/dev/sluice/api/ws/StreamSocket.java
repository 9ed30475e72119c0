package dev.sluice.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.http.ErrorMapper;
import dev.sluice.api.common.EventJson;
import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.StartRequest;
import dev.sluice.api.common.GenerationPath;
import dev.sluice.api.common.StartRequestDecoder;
import dev.sluice.ops.DeliveryMeters;
import dev.sluice.ops.StreamMetrics;
import dev.sluice.security.ApiKeyAuthenticator;
import dev.sluice.security.Principal;
import dev.sluice.stream.StreamIds;
import dev.sluice.stream.StreamService;
import dev.sluice.stream.journal.UnknownStreamException;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WebSocket {@code /v1/ws}: one connection carries many streams. Client messages are
 * {@code start}, {@code cancel} and {@code resume}; server frames are the stream events (each
 * tagged with its stream id), {@code started} and {@code rejected}.
 */
@WebSocket(path = "/v1/ws")
public class StreamSocket {

    private final StreamService streams;
    private final StreamMetrics metrics;
    private final ApiLimits limits;
    private final EventJson json;
    /** Per connection: the streams it is reading, by stream id. */
    private final Map<String, Map<String, WsStreamSubscriber>> readers = new ConcurrentHashMap<>();
    /** Per connection: the caller its handshake authenticated. */
    private final Map<String, Principal> principals = new ConcurrentHashMap<>();
    private final ApiKeyAuthenticator authenticator;
    private final GenerationPath path;

    StreamSocket(StreamService streams, StreamMetrics metrics, ApiLimits limits, EventJson json,
                 ApiKeyAuthenticator authenticator, GenerationPath path) {
        this.authenticator = authenticator;
        this.path = path;
        this.streams = streams;
        this.metrics = metrics;
        this.limits = limits;
        this.json = json;
    }

    /** The upgrade passed authentication already; this keeps its caller for the connection's messages. */
    @OnOpen
    Uni<Void> onOpen(WebSocketConnection connection) {
        var principal = authenticator.principal(connection.handshakeRequest()::header);
        if (principal.isEmpty()) {
            return connection.close();
        }
        principals.put(connection.id(), principal.get());
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    Uni<Void> onMessage(String message, WebSocketConnection connection) {
        long requestNanos = System.nanoTime();
        String requestId = null;
        String streamId = null;
        Principal principal = principals.get(connection.id());
        if (principal == null) {
            return connection.close();
        }
        try {
            JsonNode root = JsonFields.parseObject(message);
            requestId = root.path("id").isTextual() ? root.get("id").asText() : null;
            String type = JsonFields.requiredString(root, "type");
            switch (type) {
                case "start" -> {
                    String clientId = requestId;
                    StartRequest request = StartRequestDecoder.decode(root, limits, "simulator", true);
                    requireRoomFor(connection, null);
                    return path.start(principal, request).map(GenerationPath.Started::stream)
                            .onItem().transformToUni(started -> connection
                                    .sendText(WsMessages.started(clientId, started.id(), started.model()))
                                    .invoke(() -> follow(connection, principal, started.id(), -1,
                                            metrics.delivery(started.provider(), started.metricsModel(), "websocket")
                                                    .fromRequest(requestNanos)
                                                    .streamStartedAt(started.startNanos()))))
                            .onFailure().recoverWithUni(failure -> reject(connection, clientId, null, failure));
                }
                case "cancel" -> {
                    String id = validStreamId(root);
                    streamId = id;
                    String clientId = requestId;
                    return streams.find(id, principal.tenant()).chain(found -> {
                        if (!found) {
                            return reject(connection, clientId, id, new UnknownStreamException(id));
                        }
                        streams.cancel(id, principal.tenant());
                        return Uni.createFrom().voidItem();
                    }).onFailure().recoverWithUni(failure -> reject(connection, clientId, id, failure));
                }
                case "resume" -> {
                    String id = validStreamId(root);
                    streamId = id;
                    String clientId = requestId;
                    Integer after = JsonFields.optionalInt(root, "after", -1, Integer.MAX_VALUE);
                    requireRoomFor(connection, id);
                    return streams.find(id, principal.tenant()).chain(found -> {
                        if (!found) {
                            return reject(connection, clientId, id, new UnknownStreamException(id));
                        }
                        follow(connection, principal, id, after == null ? -1 : after, null);
                        return Uni.createFrom().voidItem();
                    }).onFailure().recoverWithUni(failure -> reject(connection, clientId, id, failure));
                }
                default -> throw InvalidRequestException.of("type", "invalid_value",
                        "Unknown message type '" + abbreviate(type) + "'; use start, cancel or resume.");
            }
        } catch (RuntimeException e) {
            return reject(connection, requestId, streamId, e);
        }
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        principals.remove(connection.id());
        Map<String, WsStreamSubscriber> mine = readers.remove(connection.id());
        if (mine != null) {
            mine.values().forEach(WsStreamSubscriber::cancel);
        }
    }

    /** A connection follows at most {@code sluice.limits.max-streams-per-connection} streams at once. */
    private void requireRoomFor(WebSocketConnection connection, String streamId) {
        Map<String, WsStreamSubscriber> mine = readers.get(connection.id());
        if (mine != null && mine.size() >= limits.maxStreamsPerConnection()
                && (streamId == null || !mine.containsKey(streamId))) {
            throw InvalidRequestException.of(null, "too_many_streams", "This connection already follows "
                    + mine.size() + " streams; at most " + limits.maxStreamsPerConnection()
                    + " are allowed. Open another connection or wait for one to end.");
        }
    }

    /**
     * Vert.x refuses a message past {@code quarkus.websockets-next.server.max-message-size} with an
     * IllegalStateException; close with 1009 (message too big) rather than a logged 1011.
     */
    @OnError
    Uni<Void> onError(IllegalStateException failure, WebSocketConnection connection) {
        String message = failure.getMessage();
        boolean tooBig = message != null && message.contains("max message size");
        return connection.close(tooBig ? new CloseReason(1009, "Message too big.")
                : new CloseReason(1011, "The gateway failed to handle the message."));
    }

    private void follow(WebSocketConnection connection, Principal principal, String streamId, long after,
                        DeliveryMeters meters) {
        var events = streams.subscribe(streamId, after, principal.tenant());
        Map<String, WsStreamSubscriber> mine = readers.computeIfAbsent(connection.id(), k -> new ConcurrentHashMap<>());
        WsStreamSubscriber previous = mine.remove(streamId);
        if (previous != null) {
            previous.cancel();
        }
        WsStreamSubscriber[] self = new WsStreamSubscriber[1];
        self[0] = new WsStreamSubscriber(connection, json, metrics, meters, after,
                () -> mine.remove(streamId, self[0]));
        mine.put(streamId, self[0]);
        events.subscribe().withSubscriber(self[0]);
    }

    private Uni<Void> reject(WebSocketConnection connection, String requestId, String streamId, Throwable failure) {
        return connection.sendText(WsMessages.rejected(requestId, streamId, ErrorMapper.toApiError(failure)));
    }

    private static String validStreamId(JsonNode root) {
        String id = JsonFields.requiredString(root, "streamId");
        if (!StreamIds.looksValid(id)) {
            throw new UnknownStreamException(id);
        }
        return id;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
