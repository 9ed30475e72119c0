package dev.sluice.provider.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ProviderException;
import dev.sluice.provider.Route;
import dev.sluice.provider.http.Outcome;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RouteStreamerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UpstreamMetrics metrics = new UpstreamMetrics(registry);
    private final AtomicLong clock = new AtomicLong();
    private final CircuitBreakers breakers = new CircuitBreakers(3, Duration.ofSeconds(30), clock::get, metrics);
    private final RouteStreamer streamer = new RouteStreamer(
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(50)), breakers, metrics);

    private final FakeProvider primary = new FakeProvider("primary");
    private final FakeProvider backup = new FakeProvider("backup");
    private final Route route = new Route("chat", List.of(new Route.Target(primary, "big-model"),
            new Route.Target(backup, "small-model")));

    private static final GenerationRequest REQUEST = new GenerationRequest("chat", List.of(ChatMessage.user("Hi")),
            null, null, false, null, Map.of());

    private static Supplier<Multi<Delta>> answer(String... words) {
        return () -> {
            Multi<Delta> text = Multi.createFrom().items(words).map(Delta.Text::content);
            return Multi.createBy().concatenating().streams(text,
                    Multi.createFrom().items(new Delta.Usage(3, words.length), new Delta.Finish(FinishReason.STOP)));
        };
    }

    private static Supplier<Multi<Delta>> failing(ErrorCode code, Duration retryAfter) {
        return () -> Multi.createFrom().failure(new ProviderException(code, "boom", retryAfter, null));
    }

    private static Supplier<Multi<Delta>> failingAfter(String word, ErrorCode code) {
        return () -> Multi.createBy().concatenating().streams(Multi.createFrom().item(Delta.Text.content(word)),
                Multi.createFrom().failure(new ProviderException(code, "dropped")));
    }

    private double count(String meter, String provider) {
        var counter = registry.find(meter).tag("provider", provider).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void serverErrorsBeforeTheFirstDeltaAreRetriedOnTheSameTarget() {
        primary.then(failing(ErrorCode.UPSTREAM_ERROR, null), failing(ErrorCode.UPSTREAM_ERROR, null),
                answer("Hello", " there"));
        Outcome outcome = Outcome.of(streamer.stream(route, REQUEST));
        assertNull(outcome.failure());
        assertEquals("Hello there", outcome.content());
        assertEquals(FinishReason.STOP, outcome.finish());
        assertEquals(List.of("big-model", "big-model", "big-model"), primary.models);
        assertEquals(0, backup.subscriptions());
        assertEquals(2, count("sluice.upstream.retries", "primary"));
        assertEquals(2, registry.find("sluice.upstream.errors").tag("kind", "upstream_error").counter().count());
        assertEquals(1, registry.find("sluice.upstream.ttft").tag("provider", "primary").timer().count());
    }

    @Test
    void rateLimitIsRetriedAfterItsRetryAfter() {
        primary.then(failing(ErrorCode.UPSTREAM_RATE_LIMITED, Duration.ofMillis(20)), answer("ok"));
        Outcome outcome = Outcome.of(streamer.stream(route, REQUEST));
        assertEquals("ok", outcome.content());
        assertEquals(2, primary.subscriptions());
    }

    @Test
    void aRetryAfterLongerThanTheCapFallsBackInstead() {
        primary.then(failing(ErrorCode.UPSTREAM_RATE_LIMITED, Duration.ofSeconds(120)));
        backup.then(answer("from", " backup"));
        Outcome outcome = Outcome.of(streamer.stream(route, REQUEST));
        assertEquals("from backup", outcome.content());
        assertEquals(1, primary.subscriptions());
        assertEquals(List.of("small-model"), backup.models);
        assertEquals(1, count("sluice.upstream.fallbacks", "primary"));
    }

    @Test
    void exhaustedRetriesFallBackToTheNextTarget() {
        primary.then(failing(ErrorCode.UPSTREAM_ERROR, null));
        backup.then(answer("fallback"));
        Outcome outcome = Outcome.of(streamer.stream(route, REQUEST));
        assertEquals("fallback", outcome.content());
        assertEquals(3, primary.subscriptions());
        assertEquals(1, backup.subscriptions());
    }

    @Test
    void authAndTimeoutAreNotRetriedButFallBack() {
        primary.then(failing(ErrorCode.UPSTREAM_AUTH, null));
        backup.then(failing(ErrorCode.UPSTREAM_TIMEOUT, null));
        Outcome outcome = Outcome.of(streamer.stream(route, REQUEST));
        assertEquals(ErrorCode.UPSTREAM_TIMEOUT, outcome.errorCode(), "the last target's error is reported");
        assertEquals(1, primary.subscriptions());
        assertEquals(1, backup.subscriptions());
    }

    @Test
    void aFailureAfterTheFirstDeltaIsPassedThroughWithoutFallback() {
        primary.then(failingAfter("Half an answer", ErrorCode.UPSTREAM_ERROR));
        backup.then(answer("must not appear"));
        Outcome outcome = Outcome.of(streamer.stream(route, REQUEST));
        assertEquals("Half an answer", outcome.content());
        assertEquals(ErrorCode.UPSTREAM_ERROR, outcome.errorCode());
        assertTrue(((ProviderException) outcome.failure()).retryable());
        assertEquals(1, primary.subscriptions());
        assertEquals(0, backup.subscriptions());
    }

    @Test
    void anOpenCircuitIsSkippedUntilItsCoolDownThenHalfOpenTrialCloses() {
        Route single = new Route("solo", List.of(new Route.Target(primary, "m")));
        primary.then(failing(ErrorCode.UPSTREAM_BAD_RESPONSE, null), failing(ErrorCode.UPSTREAM_BAD_RESPONSE, null),
                failing(ErrorCode.UPSTREAM_BAD_RESPONSE, null), answer("back"));
        for (int i = 0; i < 3; i++) {
            assertEquals(ErrorCode.UPSTREAM_BAD_RESPONSE, Outcome.of(streamer.stream(single, REQUEST)).errorCode());
        }
        assertEquals(CircuitState.OPEN, breakers.state("primary"));
        assertEquals(2.0, registry.find("sluice.upstream.circuit").tag("provider", "primary").gauge().value());

        backup.then(answer("from backup"));
        Outcome skipped = Outcome.of(streamer.stream(route, REQUEST));
        assertEquals("from backup", skipped.content());
        assertEquals(3, primary.subscriptions(), "an open circuit sends nothing upstream");
        Outcome failFast = Outcome.of(streamer.stream(single, REQUEST));
        assertEquals(ErrorCode.UPSTREAM_ERROR, failFast.errorCode());
        assertTrue(failFast.failure().getMessage().contains("circuit open"));
        assertEquals(3, primary.subscriptions());

        clock.addAndGet(Duration.ofSeconds(31).toNanos());
        Outcome trial = Outcome.of(streamer.stream(single, REQUEST));
        assertEquals("back", trial.content());
        assertEquals(CircuitState.CLOSED, breakers.state("primary"));
        assertEquals(0.0, registry.find("sluice.upstream.circuit").tag("provider", "primary").gauge().value());
    }

    @Test
    void cancellingTheRouteCancelsTheProviderStream() {
        primary.then(() -> Multi.createFrom().ticks().every(Duration.ofMillis(5)).map(i -> Delta.Text.content("t")));
        AssertSubscriber<Delta> subscriber = streamer.stream(route, REQUEST)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitItems(2, Duration.ofSeconds(5));
        subscriber.cancel();
        assertEquals(1, primary.cancellations.get());
        assertEquals(0, backup.subscriptions());
    }
}
