package dev.sluice.provider.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.Route;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.Outcome;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import dev.sluice.provider.http.TimeoutPolicy;
import dev.sluice.provider.openai.OpenAiProvider;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The upstream faults of the issue, each asserted by its outcome through a real adapter and a route. */
class RouteStreamerHttpTest {

    private static final String TEXT = "Hello, wörld 🌍! 你好，世界 👩‍💻\nline two";
    private static final GenerationRequest REQUEST = new GenerationRequest("chat", List.of(ChatMessage.user("Hi")),
            null, null, false, null, Map.of());

    private Vertx vertx;
    private ReplayServer primaryServer;
    private ReplayServer backupServer;
    private RouteStreamer streamer;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        primaryServer = ReplayServer.start(vertx.getDelegate());
        backupServer = ReplayServer.start(vertx.getDelegate());
        UpstreamMetrics metrics = new UpstreamMetrics(new SimpleMeterRegistry());
        streamer = new RouteStreamer(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(2)),
                new CircuitBreakers(5, Duration.ofSeconds(30), System::nanoTime, metrics), metrics);
    }

    @AfterEach
    void stop() {
        primaryServer.close();
        backupServer.close();
        vertx.closeAndAwait();
    }

    private ModelProvider openai(String name, String baseUrl) {
        return new OpenAiProvider(vertx, new HttpProviderSettings(name, baseUrl, "sk-x", Map.of(),
                TimeoutPolicy.DEFAULT, null));
    }

    private Route route(String primaryUrl) {
        return new Route("chat", List.of(new Route.Target(openai("primary", primaryUrl), "gpt-a"),
                new Route.Target(openai("backup", backupServer.baseUrl()), "gpt-b")));
    }

    private static Reply fixture(long seed) {
        return Reply.stream("text/event-stream", Reply.fixture("openai/text-utf8.sse"), seed);
    }

    @Test
    void connectionRefusedFallsBack() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        backupServer.enqueue(fixture(1));
        Outcome outcome = Outcome.of(streamer.stream(route("http://127.0.0.1:" + closedPort), REQUEST));
        assertNull(outcome.failure());
        assertEquals(TEXT, outcome.content());
        assertEquals("gpt-b", backupServer.received().get(0).body().getString("model"));
    }

    @Test
    void rateLimitWithRetryAfterIsRetried() {
        primaryServer.enqueue(Reply.status(429, Map.of("Retry-After", "0")), fixture(2));
        Outcome outcome = Outcome.of(streamer.stream(route(primaryServer.baseUrl()), REQUEST));
        assertEquals(TEXT, outcome.content());
        assertEquals(FinishReason.STOP, outcome.finish());
        assertEquals(2, primaryServer.received().size());
        assertEquals(0, backupServer.received().size());
    }

    @Test
    void serverErrorBeforeTheFirstTokenFallsBackOnceRetriesAreSpent() {
        primaryServer.enqueue(Reply.status(500, Map.of()));
        backupServer.enqueue(fixture(3));
        Outcome outcome = Outcome.of(streamer.stream(route(primaryServer.baseUrl()), REQUEST));
        assertEquals(TEXT, outcome.content());
        assertEquals(2, primaryServer.received().size(), "max-attempts 2");
        assertEquals(1, backupServer.received().size());
    }

    @Test
    void connectionDroppedMidStreamIsARetryableErrorWithoutFallback() {
        byte[] body = Reply.fixture("openai/text-utf8.sse");
        primaryServer.enqueue(fixture(4).dropAfter(body.length * 3 / 4));
        backupServer.enqueue(fixture(5));
        Outcome outcome = Outcome.of(streamer.stream(route(primaryServer.baseUrl()), REQUEST));
        assertEquals(ErrorCode.UPSTREAM_ERROR, outcome.errorCode());
        assertTrue(outcome.errorCode().retryable());
        assertTrue(!outcome.content().isEmpty() && TEXT.startsWith(outcome.content()),
                () -> "text before the drop intact: " + outcome.content());
        assertEquals(1, primaryServer.received().size());
        assertEquals(0, backupServer.received().size(), "never two providers' text in one stream");
    }

    @Test
    void unauthorizedIsNotRetried() {
        primaryServer.enqueue(Reply.status(401, Map.of()));
        Route single = new Route("chat", List.of(new Route.Target(openai("primary", primaryServer.baseUrl()), "m")));
        Outcome outcome = Outcome.of(streamer.stream(single, REQUEST));
        assertEquals(ErrorCode.UPSTREAM_AUTH, outcome.errorCode());
        assertEquals(1, primaryServer.received().size());
    }
}
