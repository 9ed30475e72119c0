package dev.sluice.provider.simulator;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How simulated streams ended, so tests and load tests can check that a cancel really stopped the
 * upstream. Also published as the Micrometer counter {@code sluice.simulator.streams{outcome}}.
 * Every started stream ends exactly once as completed, cancelled or failed (or is still running).
 */
@ApplicationScoped
public class SimulatorStats {

    static final String METER = "sluice.simulator.streams";

    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    @Inject
    public SimulatorStats(MeterRegistry registry) {
        register(registry, "started", started);
        register(registry, "completed", completed);
        register(registry, "cancelled", cancelled);
        register(registry, "failed", failed);
    }

    private static void register(MeterRegistry registry, String outcome, AtomicLong counter) {
        FunctionCounter.builder(METER, counter, AtomicLong::doubleValue)
                .tag("outcome", outcome)
                .description("Simulated streams by outcome")
                .register(registry);
    }

    public long started() { return started.get(); }

    public long completed() { return completed.get(); }

    public long cancelled() { return cancelled.get(); }

    public long failed() { return failed.get(); }

    /** Streams started and not yet ended. */
    public long running() { return started.get() - completed.get() - cancelled.get() - failed.get(); }

    void onStarted() { started.incrementAndGet(); }

    void onCompleted() { completed.incrementAndGet(); }

    void onCancelled() { cancelled.incrementAndGet(); }

    void onFailed() { failed.incrementAndGet(); }
}
