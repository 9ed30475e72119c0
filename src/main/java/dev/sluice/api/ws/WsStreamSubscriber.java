package dev.sluice.api.ws;

import dev.sluice.api.common.EventJson;
import dev.sluice.ops.DeliveryMeters;
import dev.sluice.ops.StreamMetrics;
import dev.sluice.model.StreamEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * Sends one stream's events on a WebSocket connection, one frame in flight at a time: the next
 * event is read from the journal only once the previous frame was written, which keeps order
 * per stream and lets a slow connection slow only its own reads.
 */
final class WsStreamSubscriber implements MultiSubscriber<StreamEvent> {

    private final WebSocketConnection connection;
    private final EventJson json;
    private final StreamMetrics metrics;
    private final DeliveryMeters meters;
    private final Runnable onEnd;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private long lastSeq;

    WsStreamSubscriber(WebSocketConnection connection, EventJson json, StreamMetrics metrics, DeliveryMeters meters,
                       long afterSeq, Runnable onEnd) {
        this.connection = connection;
        this.json = json;
        this.metrics = metrics;
        this.meters = meters;
        this.lastSeq = afterSeq;
        this.onEnd = onEnd;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription");
        if (subscription != null) {
            s.cancel(); // one subscription only (Reactive Streams §2.5)
            return;
        }
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onItem(StreamEvent event) {
        if (event.seq() != StreamEvent.UNSEQUENCED) {
            if (event.seq() <= lastSeq) {
                metrics.duplicateDropped();
                subscription.request(1);
                return;
            }
            lastSeq = event.seq();
        }
        connection.sendText(json.write(event)).subscribe().with(
                ignored -> {
                    if (meters != null) {
                        meters.written(event);
                    }
                    if (!cancelled) {
                        subscription.request(1);
                    }
                },
                failure -> cancel());
    }

    @Override
    public void onFailure(Throwable failure) {
        Objects.requireNonNull(failure, "failure"); // Reactive Streams §2.13
        onEnd.run();
    }

    @Override
    public void onCompletion() {
        onEnd.run();
    }

    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        onEnd.run();
    }
}
