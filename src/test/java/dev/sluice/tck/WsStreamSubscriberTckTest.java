package dev.sluice.tck;

import dev.sluice.api.ws.WsStreamSubscribers;
import dev.sluice.model.Channel;
import dev.sluice.model.StreamEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLSession;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (blackbox: the subscriber has no test hooks) against the WebSocket
 * delivery's {@code WsStreamSubscriber}. It writes to a {@link SendingConnection}: a connection
 * whose sends complete on a Vert.x event loop, later than the call, as a real connection's
 * writes do, so the subscriber's next request comes from another thread than its onNext.
 */
public class WsStreamSubscriberTckTest extends FlowSubscriberBlackboxVerification<StreamEvent> {

    private Vertx vertx;

    public WsStreamSubscriberTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_TIMEOUT_MILLIS));
    }

    @BeforeClass
    public void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterClass(alwaysRun = true)
    public void stopVertx() {
        Tck.close(vertx);
    }

    @Override
    public Flow.Subscriber<StreamEvent> createFlowSubscriber() {
        return WsStreamSubscribers.following(new SendingConnection(vertx.getOrCreateContext()), () -> { });
    }

    @Override
    public StreamEvent createElement(int element) {
        return new StreamEvent.Text("tck", element, element, Channel.CONTENT, "t" + element, 0);
    }

    /** The sending half of a WebSocket connection, each send completing on the connection's context. */
    static final class SendingConnection implements WebSocketConnection {

        private final Context context;

        SendingConnection(Context context) {
            this.context = context;
        }

        @Override
        public Uni<Void> sendText(String message) {
            return Uni.createFrom().emitter(done -> context.runOnContext(v -> done.complete(null)));
        }

        @Override
        public <M> Uni<Void> sendText(M message) {
            return sendText(String.valueOf(message));
        }

        @Override
        public Uni<Void> sendBinary(Buffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<Void> sendPing(Buffer data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<Void> sendPong(Buffer data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String endpointId() {
            return "tck";
        }

        @Override
        public BroadcastSender broadcast() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<WebSocketConnection> getOpenConnections() {
            return Set.of(this);
        }

        @Override
        public String id() {
            return "tck";
        }

        @Override
        public String pathParam(String name) {
            return null;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public SSLSession sslSession() {
            return null;
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public CloseReason closeReason() {
            return null;
        }

        @Override
        public Uni<Void> close(CloseReason reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HandshakeRequest handshakeRequest() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String subprotocol() {
            return null;
        }

        @Override
        public Instant creationTime() {
            return Instant.EPOCH;
        }

        @Override
        public UserData userData() {
            throw new UnsupportedOperationException();
        }
    }
}
