package dev.sluice.api.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.common.EventJson;
import dev.sluice.model.StreamEvent;
import dev.sluice.ops.StreamMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.concurrent.Flow;

/**
 * {@link WsStreamSubscriber}s built as {@link StreamSocket} builds them (a follower of a stream
 * from its start), for tests outside this package (the Reactive Streams TCK, {@code dev.sluice.tck}).
 */
public final class WsStreamSubscribers {

    private WsStreamSubscribers() {}

    /** @param onEnd what the socket runs when the subscriber ends (it forgets the subscriber) */
    public static Flow.Subscriber<StreamEvent> following(WebSocketConnection connection, Runnable onEnd) {
        return new WsStreamSubscriber(connection, new EventJson(new ObjectMapper()),
                new StreamMetrics(new SimpleMeterRegistry()), null, -1, onEnd);
    }
}
