package dev.sluice.provider.simulator;

import dev.sluice.model.Delta;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * The simulator's publisher built as {@link SimulatorProvider#stream} builds it, for tests outside
 * this package (the Reactive Streams TCK, {@code dev.sluice.tck}), without the {@code Multi}
 * around it: what they verify is {@link PacedDeltaPublisher} itself.
 */
public final class PacedDeltaPublishers {

    private PacedDeltaPublishers() {}

    /**
     * A stream of {@code tokens} tokens (then usage, then finish: {@code tokens + 2} items), the
     * first at once, the others {@code gapMillis} apart on Vert.x event-loop timers.
     */
    public static Flow.Publisher<Delta> paced(Vertx vertx, int tokens, long gapMillis) {
        return publisher(vertx, SimulatorFixture.paced(0, gapMillis, 0, tokens), Map.of());
    }

    /** A stream that fails with a simulated rate limit after {@code onSubscribe}, before any item. */
    public static Flow.Publisher<Delta> rateLimited(Vertx vertx) {
        return publisher(vertx, SimulatorFixture.instant(10), Map.of("fail", "rate_limit"));
    }

    private static Flow.Publisher<Delta> publisher(Vertx vertx, SimulatorSettings settings,
                                                   Map<String, Object> options) {
        StreamPlan plan = new StreamPlanner(settings, SimulatorFixture.ENCODING, SimulatorFixture.CORPUS)
                .plan(SimulatorFixture.text(options));
        return new PacedDeltaPublisher(plan, new TokenBytes(SimulatorFixture.ENCODING),
                new EventLoopTokenTimers(vertx), SimulatorFixture.stats());
    }
}
