package dev.sluice.ops;

import dev.sluice.stream.StreamService;
import dev.sluice.stream.journal.StreamJournal;
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
 * and gives their subscribers (and a shared journal's writes) a moment to receive it. Only then does Quarkus continue: its
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
    private final StreamJournal journal;
    private final DrainConfig config;

    GracefulDrain(StreamService streams, StreamMetrics metrics, StreamJournal journal, DrainConfig config) {
        this.streams = streams;
        this.metrics = metrics;
        this.journal = journal;
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
        // With a shared journal (Redis) the last events must have reached it: other replicas serve the resumes.
        boolean flushed = awaitUntil(() -> streams.running() == 0 && journal.settled()
                && metrics.activeSubscribers() == 0, config.flushTimeout());
        if (flushed) {
            LOG.info("drained: no running stream, every event journaled, no local subscriber left");
        } else {
            LOG.warnf("drain flush timeout: %d running streams, journal settled: %s, %d subscribers left",
                    streams.running(), journal.settled(), metrics.activeSubscribers());
        }
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
