package dev.sluice.ops;

import dev.sluice.stream.StreamService;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Graceful drain on SIGTERM (DESIGN §8). Quarkus runs its pre-shutdown phase first
 * ({@code quarkus.shutdown.delay-enabled=true} fires {@link ShutdownDelayInitiatedEvent} on the
 * shutdown thread while the HTTP server still serves): this observer turns the replica not-ready,
 * makes {@link StreamService} refuse new streams, lets running generations finish for up to
 * {@code sluice.shutdown.drain-timeout}, ends the rest with a retryable {@code error: shutdown}
 * and gives their subscribers a moment to receive it. Only then does Quarkus continue: its
 * graceful HTTP shutdown ({@code quarkus.shutdown.timeout}) lets the open responses complete.
 */
@ApplicationScoped
public class GracefulDrain {

    /** Observer order: the drain runs first; transports that close connections afterwards use a higher number. */
    public static final int PRIORITY = 1000;

    private static final Logger LOG = Logger.getLogger(GracefulDrain.class);
    private static final long POLL_MILLIS = 50;

    private final StreamService streams;
    private final StreamMetrics metrics;
    private final DrainConfig config;

    GracefulDrain(StreamService streams, StreamMetrics metrics, DrainConfig config) {
        this.streams = streams;
        this.metrics = metrics;
        this.config = config;
    }

    void onShutdownSignal(@Observes @Priority(PRIORITY) ShutdownDelayInitiatedEvent event) {
        drain();
    }

    /** Blocks the calling (shutdown) thread until the replica holds no running generation. */
    void drain() {
        streams.stopAccepting();
        LOG.infof("shutting down: not ready, refusing new streams; %d running may finish within %s",
                streams.running(), config.drainTimeout());
        if (!awaitUntil(() -> streams.running() == 0, config.drainTimeout())) {
            LOG.infof("drain timeout: ending %d running streams with error: shutdown", streams.running());
            streams.endRunning();
        }
        awaitUntil(() -> streams.running() == 0 && metrics.activeSubscribers() == 0, config.flushTimeout());
        LOG.infof("drained: %d running streams, %d subscribers left", streams.running(), metrics.activeSubscribers());
    }

    private static boolean awaitUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }
}
