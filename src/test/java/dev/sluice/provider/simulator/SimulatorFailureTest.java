package dev.sluice.provider.simulator;

import static dev.sluice.provider.simulator.SimulatorFixture.instant;
import static dev.sluice.provider.simulator.SimulatorFixture.provider;
import static dev.sluice.provider.simulator.SimulatorFixture.stats;
import static dev.sluice.provider.simulator.SimulatorFixture.text;
import static dev.sluice.provider.simulator.SimulatorFixture.tokenBytes;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sluice.model.Delta;
import dev.sluice.provider.ProviderException;
import dev.sluice.model.ErrorCode;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each injected failure has one exact, documented outcome. */
class SimulatorFailureTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static AssertSubscriber<Delta> subscribe(SimulatorSettings settings, SimulatorStats stats,
                                                     Map<String, Object> options) {
        return provider(settings, vertx, stats).stream(text(options))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
    }

    private static ProviderException failure(AssertSubscriber<Delta> sub) {
        sub.awaitFailure(Duration.ofSeconds(5));
        return assertInstanceOf(ProviderException.class, sub.getFailure());
    }

    @Test
    void rateLimitFailsBeforeTheFirstTokenWithRetryAfter() {
        SimulatorStats stats = stats();
        AssertSubscriber<Delta> sub = subscribe(instant(10), stats, Map.of("fail", "rate_limit"));
        ProviderException e = failure(sub);

        sub.assertHasNotReceivedAnyItem();
        assertEquals(ErrorCode.UPSTREAM_RATE_LIMITED, e.code());
        assertEquals("simulated rate limit", e.getMessage());
        assertEquals(Duration.ofSeconds(1), e.retryAfter());
        assertEquals(1, stats.failed());
    }

    @Test
    void serverErrorFailsBeforeTheFirstToken() {
        AssertSubscriber<Delta> sub = subscribe(instant(10), stats(), Map.of("fail", "server_error"));
        ProviderException e = failure(sub);

        sub.assertHasNotReceivedAnyItem();
        assertEquals(ErrorCode.UPSTREAM_ERROR, e.code());
        assertEquals("simulated server error", e.getMessage());
        assertNull(e.retryAfter());
    }

    @Test
    void dropFailsAfterFailAtTokens() {
        AssertSubscriber<Delta> sub = subscribe(instant(10), stats(), Map.of("fail", "drop", "fail_at", 4));
        ProviderException e = failure(sub);

        assertEquals(4, sub.getItems().size());
        assertEquals(4, tokenBytes(sub.getItems()).size());
        assertEquals(ErrorCode.UPSTREAM_ERROR, e.code());
        assertEquals("simulated connection drop", e.getMessage());
    }

    @Test
    void dropDefaultsToHalfWay() {
        AssertSubscriber<Delta> sub = subscribe(instant(10), stats(), Map.of("fail", "drop"));
        failure(sub);
        assertEquals(5, sub.getItems().size());
    }

    @Test
    void dropPastTheLastTokenStillComesBeforeUsage() {
        AssertSubscriber<Delta> sub = subscribe(instant(3), stats(), Map.of("fail", "drop", "fail_at", 99));
        failure(sub);
        assertEquals(3, sub.getItems().size());
        assertEquals(3, tokenBytes(sub.getItems()).size());
    }

    @Test
    void stallGoesSilentUntilCancelled() {
        SimulatorStats stats = stats();
        AssertSubscriber<Delta> sub = subscribe(instant(10), stats, Map.of("fail", "stall", "fail_at", 3));
        await().atMost(Duration.ofSeconds(2)).until(() -> sub.getItems().size() == 3);
        await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(2)).until(() -> sub.getItems().size() == 3);
        sub.assertNotTerminated();
        assertEquals(1, stats.running());

        sub.cancel();
        assertEquals(1, stats.cancelled());
        assertEquals(0, stats.running());
    }

    @Test
    void aFailureRateOfOneFailsEveryStreamWithAConfiguredKind() {
        SimulatorSettings alwaysFailing = new SimulatorSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, 10, null,
                1.0, List.of(FailureKind.SERVER_ERROR));
        for (int i = 0; i < 5; i++) {
            ProviderException e = failure(subscribe(alwaysFailing, stats(), Map.of()));
            assertEquals("simulated server error", e.getMessage());
        }
        // a request can switch the draw off
        subscribe(alwaysFailing, stats(), Map.of("failure_rate", 0)).awaitCompletion();
    }

    @Test
    void aRequestFailureRateDrawsFromTheConfiguredKinds() {
        SimulatorSettings dropsOnly = new SimulatorSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, 10, null,
                0.0, List.of(FailureKind.DROP));
        ProviderException e = failure(subscribe(dropsOnly, stats(), Map.of("failure_rate", 1.0)));
        assertEquals("simulated connection drop", e.getMessage());
    }
}
