package dev.sluice.api.ws;

import dev.sluice.ops.GracefulDrain;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * After the graceful drain (its terminal frames are sent), closes every open WebSocket with
 * 1001 "going away", so clients reconnect to another replica at once instead of waiting for
 * the HTTP server to cut them when {@code quarkus.shutdown.timeout} runs out.
 */
@ApplicationScoped
class SocketsDrain {

    private static final Logger LOG = Logger.getLogger(SocketsDrain.class);
    private static final int GOING_AWAY = 1001;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final OpenConnections connections;

    SocketsDrain(OpenConnections connections) {
        this.connections = connections;
    }

    void closeAfterDrain(@Observes @Priority(GracefulDrain.PRIORITY + 1) ShutdownDelayInitiatedEvent event) {
        int closed = 0;
        for (WebSocketConnection connection : connections.listAll()) {
            if (connection.isOpen()) {
                try {
                    connection.close(new CloseReason(GOING_AWAY, "shutting down; reconnect"))
                            .await().atMost(CLOSE_WAIT);
                    closed++;
                } catch (RuntimeException e) {
                    LOG.debugf("WebSocket close on shutdown failed: %s", e.getClass().getSimpleName());
                }
            }
        }
        if (closed > 0) {
            LOG.infof("closed %d WebSocket connections (1001 going away)", closed);
        }
    }
}
