package dev.sluice.provider.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProviderException;
import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every HTTP adapter keeps, run against recorded streams in its provider's wire
 * format replayed by a local server in random pieces. Each subclass names its adapter, its
 * media type and its fixtures with the exact outcome expected.
 */
public abstract class ProviderContractTest {

    /** The exact outcome of replaying one fixture: text per channel, then usage and finish, or an error. */
    protected record Fixture(String path, Map<Channel, String> text, Delta.Usage usage, FinishReason finish,
                             ErrorCode error) {
        public static Fixture ok(String path, Map<Channel, String> text, Delta.Usage usage, FinishReason finish) {
            return new Fixture(path, text, usage, finish, null);
        }

        public static Fixture failing(String path, Map<Channel, String> text, ErrorCode error) {
            return new Fixture(path, text, null, null, error);
        }
    }

    private static final long[] SEEDS = {1, 7, 42, 1234, 99991};
    protected static final String API_KEY = "sk-test-0123456789";

    protected Vertx vertx;
    protected ReplayServer server;

    protected abstract ModelProvider create(Vertx vertx, HttpProviderSettings settings);

    protected abstract String mediaType();

    /** Fixtures with their expected outcome, including error events, truncations and malformed JSON. */
    protected abstract List<Fixture> fixtures();

    /** A fixture that completes normally, used by the fault tests. */
    protected abstract String happyFixture();

    /** Checks path, auth header and body of the upstream request the adapter sent. */
    protected abstract void assertRequest(ReplayServer.Received request);

    @BeforeEach
    void startServer() {
        vertx = Vertx.vertx();
        server = ReplayServer.start(vertx.getDelegate());
    }

    @AfterEach
    void stopServer() {
        server.close();
        vertx.closeAndAwait();
    }

    protected HttpProviderSettings settings(TimeoutPolicy timeouts) {
        return new HttpProviderSettings("up", server.baseUrl(), API_KEY, Map.of("X-Team", "blue"), timeouts, null);
    }

    protected ModelProvider provider() {
        return create(vertx, settings(TimeoutPolicy.DEFAULT));
    }

    protected static GenerationRequest request() {
        return new GenerationRequest("test-model", List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")),
                64, 0.5, false, null, Map.of());
    }

    @TestFactory
    Stream<DynamicTest> replaysEveryFixtureExactlyWhateverTheChunking() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Fixture fixture : fixtures()) {
            for (long seed : SEEDS) {
                tests.add(dynamicTest(fixture.path() + " seed " + seed, () -> replay(fixture, seed)));
            }
        }
        return tests.stream();
    }

    private void replay(Fixture fixture, long seed) {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture(fixture.path()), seed));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(fixture.text(), outcome.text(), "text per channel");
        if (fixture.error() == null) {
            assertNull(outcome.failure(), () -> "unexpected failure " + outcome.failure());
            assertEquals(fixture.usage(), outcome.usage());
            assertEquals(fixture.finish(), outcome.finish());
        } else {
            assertEquals(fixture.error(), outcome.errorCode(), () -> "failure was " + outcome.failure());
            assertTrue(outcome.deltas().stream().noneMatch(Delta.Finish.class::isInstance));
        }
        assertRequest(server.received().get(0));
    }

    @Test
    void unauthorizedIsUpstreamAuthAndLeaksNeitherKeyNorBody() {
        server.enqueue(Reply.status(401, Map.of()));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(ErrorCode.UPSTREAM_AUTH, outcome.errorCode());
        assertFalse(outcome.failure().getMessage().contains(API_KEY));
        assertFalse(outcome.failure().getMessage().contains("secret"));
        assertEquals(1, server.received().size());
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        server.enqueue(Reply.status(429, Map.of("Retry-After", "2")));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(ErrorCode.UPSTREAM_RATE_LIMITED, outcome.errorCode());
        assertEquals(Duration.ofSeconds(2), ((ProviderException) outcome.failure()).retryAfter());
    }

    @Test
    void serverErrorIsRetryableUpstreamError() {
        server.enqueue(Reply.status(503, Map.of()));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(ErrorCode.UPSTREAM_ERROR, outcome.errorCode());
        assertTrue(((ProviderException) outcome.failure()).retryable());
    }

    @Test
    void wrongContentTypeIsBadResponse() {
        server.enqueue(Reply.stream("text/html", "<html>oops</html>".getBytes(), 1));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(ErrorCode.UPSTREAM_BAD_RESPONSE, outcome.errorCode());
        assertTrue(outcome.deltas().isEmpty());
    }

    @Test
    void connectionDroppedMidStreamKeepsTheTextBeforeAndFailsRetryably() {
        byte[] body = Reply.fixture(happyFixture());
        server.enqueue(Reply.stream(mediaType(), body, 3).dropAfter(body.length * 2 / 3));
        Outcome outcome = Outcome.of(provider().stream(request()));
        assertEquals(ErrorCode.UPSTREAM_ERROR, outcome.errorCode(), () -> "failure " + outcome.failure());
        Outcome full = fullReplay();
        for (Map.Entry<Channel, String> e : outcome.text().entrySet()) {
            assertTrue(full.text().get(e.getKey()).startsWith(e.getValue()), "delivered text is a prefix");
        }
    }

    @Test
    void stallPastTheGapTimeoutIsUpstreamTimeout() {
        byte[] body = Reply.fixture(happyFixture());
        server.enqueue(Reply.stream(mediaType(), body, 5).stallAfter(body.length * 2 / 3));
        ModelProvider provider = create(vertx, settings(TimeoutPolicy.DEFAULT.withGap(Duration.ofMillis(300))));
        Outcome outcome = Outcome.of(provider.stream(request()));
        assertEquals(ErrorCode.UPSTREAM_TIMEOUT, outcome.errorCode(), () -> "failure " + outcome.failure());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closedConnections() == 1);
    }

    @Test
    void cancellingClosesTheUpstreamConnection() {
        byte[] body = Reply.fixture(happyFixture());
        server.enqueue(Reply.stream(mediaType(), body, 9).stallAfter(body.length / 2));
        AssertSubscriber<Delta> subscriber = provider().stream(request())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitItems(1, Duration.ofSeconds(10));
        assertEquals(1, server.openConnections());
        subscriber.cancel();
        await().atMost(Duration.ofSeconds(1)).until(() -> server.closedConnections() == 1);
        assertEquals(0, server.openConnections());
    }

    private Outcome fullReplay() {
        server.enqueue(Reply.stream(mediaType(), Reply.fixture(happyFixture()), 1));
        Outcome full = Outcome.of(provider().stream(request()));
        assertNotNull(full.finish());
        return full;
    }
}
