package dev.sluice.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sluice's own meters (DESIGN §7). Labels are low-cardinality only: provider, model, transport,
 * outcome; never stream, session or tenant ids.
 */
@ApplicationScoped
public class StreamMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final AtomicInteger activeSubscribers = new AtomicInteger();
    private final Counter slowConsumers;
    private final Counter duplicatesDropped;

    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("sluice.streams.active", activeStreams);
        registry.gauge("sluice.subscribers.active", activeSubscribers);
        this.slowConsumers = Counter.builder("sluice.slow.consumers")
                .description("Subscribers disconnected for lagging too far behind live").register(registry);
        this.duplicatesDropped = Counter.builder("sluice.events.dropped")
                .description("Out-of-order or duplicate events dropped before delivery; should stay 0")
                .register(registry);
    }

    public void streamStarted() {
        activeStreams.incrementAndGet();
    }

    /** A stream ended; {@code outcome} is the finish reason or the error code. */
    public void streamEnded(String provider, String model, String outcome, long tokens, Duration duration) {
        activeStreams.decrementAndGet();
        Counter.builder("sluice.streams.outcomes").description("Streams ended, by outcome")
                .tags("provider", provider, "model", model, "outcome", outcome).register(registry).increment();
        Counter.builder("sluice.tokens").description("Text deltas generated (about one per upstream token)")
                .tags("provider", provider, "model", model).register(registry).increment(tokens);
        Timer.builder("sluice.stream.duration").description("Start to terminal event of a stream")
                .tags("provider", provider, "model", model, "outcome", outcome).register(registry).record(duration);
    }

    public void subscriberJoined() {
        activeSubscribers.incrementAndGet();
    }

    /** Subscribers reading a stream that runs on this replica. */
    public int activeSubscribers() {
        return activeSubscribers.get();
    }

    public void subscriberLeft() {
        activeSubscribers.decrementAndGet();
    }

    public void slowConsumer() {
        slowConsumers.increment();
    }

    public void duplicateDropped() {
        duplicatesDropped.increment();
    }

    /** The meters one delivery (a subscriber on a transport) records into, resolved once. */
    public DeliveryMeters delivery(String provider, String model, String transport) {
        String[] tags = {"provider", provider, "model", model, "transport", transport};
        return new DeliveryMeters(
                Timer.builder("sluice.ttft").description("Time to first token as the client sees it")
                        .tags(tags).publishPercentileHistogram().register(registry),
                Timer.builder("sluice.token.gap").description("Gap between consecutive tokens as the client sees it")
                        .tags(tags).publishPercentileHistogram().register(registry),
                Timer.builder("sluice.overhead")
                        .description("Time a token spent inside Sluice: from the provider emitting it to the transport writing it")
                        .tags(tags).publishPercentileHistogram().register(registry));
    }
}
