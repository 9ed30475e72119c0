package dev.sluice.provider.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.provider.ProviderException;
import dev.sluice.model.ErrorCode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamTimeoutsTest {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static TimeoutPolicy policy(long firstTokenMs, long gapMs) {
        return new TimeoutPolicy(Duration.ofSeconds(10), Duration.ofMillis(firstTokenMs), Duration.ofMillis(gapMs), Duration.ofMinutes(10));
    }

    @Test
    void itemsWithinTheGapPassAndTheStreamCompletes() {
        Multi<Long> ticks = Multi.createFrom().ticks().every(Duration.ofMillis(10)).select().first(20);
        AssertSubscriber<Long> out = UpstreamTimeouts.apply(ticks, "up", policy(2_000, 2_000), timer)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.awaitCompletion(Duration.ofSeconds(10));
        assertEquals(20, out.getItems().size());
        // Cancelled tasks stay queued until due (as in the worker pool): one check for all three deadlines.
        assertTrue(timer.getQueue().size() <= 1, "queued deadlines: " + timer.getQueue().size());
    }

    @Test
    void noFirstItemIsAFirstTokenTimeout() {
        AssertSubscriber<Object> out = UpstreamTimeouts.apply(Multi.createFrom().nothing(), "up", policy(100, 5_000), timer)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.awaitFailure(Duration.ofSeconds(10));
        ProviderException failure = assertInstanceOf(ProviderException.class, out.getFailure());
        assertEquals(ErrorCode.UPSTREAM_TIMEOUT, failure.code());
        assertTrue(failure.getMessage().contains("no first token"), failure.getMessage());
    }

    @Test
    void aStallAfterItemsIsAGapTimeoutEvenWhenTheFirstTokenTimeoutIsLonger() {
        AtomicReference<MultiEmitter<? super String>> source = new AtomicReference<>();
        Multi<String> upstream = Multi.createFrom().<String>emitter(e -> source.set(e));
        AssertSubscriber<String> out = UpstreamTimeouts.apply(upstream, "up", policy(60_000, 150), timer)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        source.get().emit("a").emit("b");
        out.awaitFailure(Duration.ofSeconds(10));
        assertEquals(2, out.getItems().size());
        ProviderException failure = assertInstanceOf(ProviderException.class, out.getFailure());
        assertEquals(ErrorCode.UPSTREAM_TIMEOUT, failure.code());
        assertTrue(failure.getMessage().contains("gap timeout"), failure.getMessage());
    }

    /** Per-token re-scheduling left a cancelled task per token in the scheduler's queue. */
    @Test
    void manyItemsQueueNoMoreDeadlinesThanOne() {
        AtomicReference<MultiEmitter<? super Integer>> source = new AtomicReference<>();
        Multi<Integer> upstream = Multi.createFrom().<Integer>emitter(e -> source.set(e));
        AssertSubscriber<Integer> out = UpstreamTimeouts.apply(upstream, "up", policy(30_000, 30_000), timer)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        for (int i = 0; i < 100_000; i++) {
            source.get().emit(i);
        }
        assertEquals(100_000, out.getItems().size());
        assertTrue(timer.getQueue().size() <= 1, "queued deadlines: " + timer.getQueue().size());
        source.get().complete();
        out.awaitCompletion(Duration.ofSeconds(10));
    }

    @Test
    void itemsWithinTheGapStillEndAtTheTotalTimeout() {
        Multi<Long> ticks = Multi.createFrom().ticks().every(Duration.ofMillis(10));
        TimeoutPolicy shortTotal = new TimeoutPolicy(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMillis(300));
        AssertSubscriber<Long> out = UpstreamTimeouts.apply(ticks, "up", shortTotal, timer)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.awaitFailure(Duration.ofSeconds(10));
        assertTrue(out.getItems().size() > 5, "items before the total timeout: " + out.getItems().size());
        ProviderException failure = assertInstanceOf(ProviderException.class, out.getFailure());
        assertEquals(ErrorCode.UPSTREAM_TIMEOUT, failure.code());
        assertTrue(failure.getMessage().contains("total timeout"), failure.getMessage());
    }

    @Test
    void aStallBeforeTheFirstItemWaitsForTheFirstTokenTimeoutNotTheShorterGap() {
        AssertSubscriber<Object> out = UpstreamTimeouts.apply(Multi.createFrom().nothing(), "up", policy(400, 50), timer)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.awaitFailure(Duration.ofSeconds(10));
        ProviderException failure = assertInstanceOf(ProviderException.class, out.getFailure());
        assertTrue(failure.getMessage().contains("no first token within 400ms"), failure.getMessage());
    }
}
