package dev.sluice.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.common.ApiLimits;
import dev.sluice.api.common.ErrorMapper;
import dev.sluice.api.common.EventJson;
import dev.sluice.api.common.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.api.common.StartRequest;
import dev.sluice.api.common.StartRequestDecoder;
import dev.sluice.ops.DeliveryMeters;
import dev.sluice.ops.StreamMetrics;
import dev.sluice.stream.StreamIds;
import dev.sluice.stream.StreamService;
import dev.sluice.stream.journal.UnknownStreamException;
import io.quarkus.websockets.next.OnClose;
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

    StreamSocket(StreamService streams, StreamMetrics metrics, ApiLimits limits, EventJson json) {
        this.streams = streams;
        this.metrics = metrics;
        this.limits = limits;
        this.json = json;
    }

    @OnTextMessage
    Uni<Void> onMessage(String message, WebSocketConnection connection) {
        long requestNanos = System.nanoTime();
        String requestId = null;
        String streamId = null;
        try {
            JsonNode root = JsonFields.parseObject(message);
            requestId = root.path("id").isTextual() ? root.get("id").asText() : null;
            String type = JsonFields.requiredString(root, "type");
            switch (type) {
                case "start" -> {
                    String clientId = requestId;
                    StartRequest request = StartRequestDecoder.decode(root, limits, "simulator", true);
                    return streams.start(request.generation(), request.maskingProfile())
                            .onItem().transformToUni(started -> connection
                                    .sendText(WsMessages.started(clientId, started.id(), started.model()))
                                    .invoke(() -> follow(connection, started.id(), -1,
                                            metrics.delivery(started.provider(), started.model(), "websocket")
                                                    .fromRequest(requestNanos)
                                                    .streamStartedAt(started.startNanos()))))
                            .onFailure().recoverWithUni(failure -> reject(connection, clientId, null, failure));
                }
                case "cancel" -> {
                    streamId = validStreamId(root);
                    streams.cancel(streamId);
                    return Uni.createFrom().voidItem();
                }
                case "resume" -> {
                    streamId = validStreamId(root);
                    Integer after = JsonFields.optionalInt(root, "after", -1, Integer.MAX_VALUE);
                    follow(connection, streamId, after == null ? -1 : after, null);
                    return Uni.createFrom().voidItem();
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
        Map<String, WsStreamSubscriber> mine = readers.remove(connection.id());
        if (mine != null) {
            mine.values().forEach(WsStreamSubscriber::cancel);
        }
    }

    private void follow(WebSocketConnection connection, String streamId, long after, DeliveryMeters meters) {
        Map<String, WsStreamSubscriber> mine = readers.computeIfAbsent(connection.id(), k -> new ConcurrentHashMap<>());
        WsStreamSubscriber previous = mine.remove(streamId);
        if (previous != null) {
            previous.cancel();
        }
        WsStreamSubscriber[] self = new WsStreamSubscriber[1];
        self[0] = new WsStreamSubscriber(connection, json, metrics, meters, after,
                () -> mine.remove(streamId, self[0]));
        var events = streams.subscribe(streamId, after);
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
