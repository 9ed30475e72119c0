package dev.sluice.tck;

import dev.sluice.api.http.ErrorShape;
import dev.sluice.api.sse.SseEncoder;
import dev.sluice.api.sse.SseResponse;
import dev.sluice.model.Channel;
import dev.sluice.model.StreamEvent;
import dev.sluice.ops.StreamMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.operators.AbstractMulti;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (blackbox: the subscriber has no test hooks) against {@link SseResponse}
 * writing to real Vert.x responses: a local HTTP server answers each request through
 * {@link SseResponse#deliver} (or, every other time, {@link SseResponse#deliverAfterFirstOutput}),
 * and a Vert.x client reads the body. The subscriber the TCK drives is the one SseResponse
 * subscribes to the stream it is given: that stream only hands it over.
 */
public class SseResponseTckTest extends FlowSubscriberBlackboxVerification<StreamEvent> {

    /** Short, so heartbeats are written between the TCK's signals too. */
    private static final long HEARTBEAT_MILLIS = 20;
    private static final SseEncoder ENCODER = (event, out) -> out.append("data: ").append(event.seq()).append("\n\n");

    private final BlockingQueue<CompletableFuture<MultiSubscriber<? super StreamEvent>>> handOvers =
            new LinkedBlockingQueue<>();
    private final AtomicLong responses = new AtomicLong();
    private final StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());
    private Vertx vertx;
    private HttpServer server;
    private HttpClient client;

    public SseResponseTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_TIMEOUT_MILLIS));
    }

    @BeforeClass
    public void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            HandOver events = new HandOver(handOvers.remove());
            if (responses.getAndIncrement() % 2 == 0) {
                SseResponse.deliver(vertx, Vertx.currentContext(), request.response(), events, ENCODER, null,
                        metrics, HEARTBEAT_MILLIS, -1);
            } else {
                SseResponse.deliverAfterFirstOutput(vertx, Vertx.currentContext(), request.response(), events,
                        ENCODER, null, metrics, HEARTBEAT_MILLIS, 60_000, ErrorShape.OPENAI);
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // every subscriber the TCK makes holds a response open, some until the class ends
        client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(1_000));
    }

    @AfterClass(alwaysRun = true)
    public void stopServer() {
        Tck.close(vertx);
    }

    @Override
    public Flow.Subscriber<StreamEvent> createFlowSubscriber() {
        CompletableFuture<MultiSubscriber<? super StreamEvent>> handOver = new CompletableFuture<>();
        handOvers.add(handOver);
        client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
                .compose(request -> request.send())
                .onSuccess(response -> response.handler(bytes -> { }))
                .onFailure(handOver::completeExceptionally);
        try {
            @SuppressWarnings("unchecked")
            Flow.Subscriber<StreamEvent> sse = (Flow.Subscriber<StreamEvent>) handOver.get(10, TimeUnit.SECONDS);
            return sse;
        } catch (Exception e) {
            throw new IllegalStateException("no SSE response subscribed", e);
        }
    }

    @Override
    public StreamEvent createElement(int element) {
        return new StreamEvent.Text("tck", element, element, Channel.CONTENT, "t" + element, 0);
    }

    /** A stream that gives its subscriber to the test instead of signalling it: the TCK signals it. */
    private static final class HandOver extends AbstractMulti<StreamEvent> {

        private final CompletableFuture<MultiSubscriber<? super StreamEvent>> subscriber;

        HandOver(CompletableFuture<MultiSubscriber<? super StreamEvent>> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void subscribe(MultiSubscriber<? super StreamEvent> downstream) {
            subscriber.complete(downstream);
        }
    }
}
