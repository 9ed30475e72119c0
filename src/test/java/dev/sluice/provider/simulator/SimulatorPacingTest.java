package dev.sluice.provider.simulator;

import static dev.sluice.provider.simulator.SimulatorFixture.instant;
import static dev.sluice.provider.simulator.SimulatorFixture.paced;
import static dev.sluice.provider.simulator.SimulatorFixture.provider;
import static dev.sluice.provider.simulator.SimulatorFixture.stats;
import static dev.sluice.provider.simulator.SimulatorFixture.text;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.model.Delta;
import dev.sluice.model.FinishReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Timing, demand and cancellation: the simulator must behave like a well-mannered upstream. */
class SimulatorPacingTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void neverEmitsMoreThanRequested() {
        AssertSubscriber<Delta> sub = provider(instant(10), vertx, stats()).stream(text(Map.of()))
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        assertEquals(0, sub.getItems().size());

        sub.request(2);
        assertEquals(2, sub.getItems().size());
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> sub.getItems().size() == 2);

        sub.request(3);
        assertEquals(5, sub.getItems().size());
        sub.request(Long.MAX_VALUE);
        sub.awaitCompletion();
        assertEquals(12, sub.getItems().size());
    }

    @Test
    void pacedTokensWaitForDemand() {
        AssertSubscriber<Delta> sub = provider(paced(1, 2, 1, 10), vertx, stats()).stream(text(Map.of()))
                .subscribe().withSubscriber(AssertSubscriber.create(2));
        sub.awaitItems(2);
        await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(2)).until(() -> sub.getItems().size() == 2);
        sub.assertNotTerminated();

        sub.request(1);
        sub.awaitItems(3);
        sub.request(Long.MAX_VALUE);
        sub.awaitCompletion(Duration.ofSeconds(5));
        assertEquals(12, sub.getItems().size());
    }

    @Test
    void aPacedStreamCompletesAndIsCountedOnce() {
        SimulatorStats stats = stats();
        AssertSubscriber<Delta> sub = provider(paced(5, 2, 1, 20), vertx, stats).stream(text(Map.of("seed", 5)))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        sub.awaitCompletion(Duration.ofSeconds(5));

        assertEquals(22, sub.getItems().size());
        assertEquals(new Delta.Finish(FinishReason.STOP), sub.getLastItem());
        assertEquals(1, stats.started());
        assertEquals(1, stats.completed());
        sub.cancel();
        assertEquals(0, stats.cancelled(), "a completed stream is never counted as cancelled");
    }

    @Test
    void requestOptionsOverrideTheConfiguredTiming() {
        // the configured ttft would outlast the test; the request asks for none
        AssertSubscriber<Delta> sub = provider(paced(600_000, 600_000, 0, 8), vertx, stats())
                .stream(text(Map.of("ttft_ms", 0, "gap_ms", 1.5, "jitter_ms", 0.5)))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        sub.awaitCompletion(Duration.ofSeconds(5));
        assertEquals(10, sub.getItems().size());
    }

    @Test
    void gapZeroStreamsAsFastAsDemandAllowsWithoutRecursion() {
        // counts instead of AssertSubscriber, whose copy-on-write item list is quadratic
        AtomicInteger items = new AtomicInteger();
        AtomicBoolean completed = new AtomicBoolean();
        provider(instant(50_000), vertx, stats()).stream(text(Map.of()))
                .subscribe().with(item -> items.incrementAndGet(), failure -> { }, () -> completed.set(true));
        await().atMost(Duration.ofSeconds(10)).untilTrue(completed);
        assertEquals(50_002, items.get());
    }

    @Test
    void cancellingMidStreamStopsEmissionAndTimersAndCountsOnce() {
        SimulatorStats stats = stats();
        RecordingTimers timers = new RecordingTimers(vertx);
        AssertSubscriber<Delta> sub = provider(paced(0, 5, 0, 1_000), timers, stats).stream(text(Map.of()))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        sub.awaitItems(3, Duration.ofSeconds(5));

        sub.cancel();
        int atCancel = sub.getItems().size();
        // a timer being armed on the event loop while cancel runs is cancelled by whichever side sees the other
        await().atMost(Duration.ofSeconds(2)).until(timers.pending::isEmpty);
        int armedAtCancel = timers.armed.get();
        await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(2))
                .until(() -> sub.getItems().size() == atCancel && timers.armed.get() == armedAtCancel);
        sub.cancel();

        sub.assertNotTerminated();
        assertEquals(1, stats.cancelled());
        assertEquals(0, stats.completed());
        assertEquals(0, stats.failed());
        assertEquals(0, stats.running());
    }

    @Test
    void cancellingBeforeTheFirstTokenStopsTheTimer() {
        SimulatorStats stats = stats();
        RecordingTimers timers = new RecordingTimers(vertx);
        AssertSubscriber<Delta> sub = provider(paced(60_000, 1, 0, 5), timers, stats).stream(text(Map.of()))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        assertEquals(1, timers.pending.size(), "the time-to-first-token timer");

        sub.cancel();
        assertTrue(timers.pending.isEmpty(), "ttft timer survived the cancel");
        sub.assertHasNotReceivedAnyItem();
        assertEquals(1, stats.cancelled());
    }

    @Test
    void outcomesArePublishedAsMicrometerCounters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SimulatorStats stats = new SimulatorStats(registry);
        provider(instant(3), vertx, stats).stream(text(Map.of()))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE)).awaitCompletion();
        provider(instant(3), vertx, stats).stream(text(Map.of("fail", "server_error")))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE)).awaitFailure();

        assertEquals(2.0, count(registry, "started"));
        assertEquals(1.0, count(registry, "completed"));
        assertEquals(1.0, count(registry, "failed"));
        assertEquals(0.0, count(registry, "cancelled"));
    }

    private static double count(SimpleMeterRegistry registry, String outcome) {
        return registry.get(SimulatorStats.METER).tag("outcome", outcome).functionCounter().count();
    }

    @Test
    void aStreamCanBeSubscribedAgainAndReplaysTheSamePlan() {
        var stream = provider(instant(6), vertx, stats()).stream(text(Map.of("seed", 8)));
        var first = stream.subscribe().withSubscriber(AssertSubscriber.<Delta>create(Long.MAX_VALUE)).awaitCompletion();
        var second = stream.subscribe().withSubscriber(AssertSubscriber.<Delta>create(Long.MAX_VALUE)).awaitCompletion();
        assertEquals(SimulatorFixture.decode(first.getItems()), SimulatorFixture.decode(second.getItems()));
        assertInstanceOf(Delta.Bytes.class, first.getItems().get(0));
    }
}
