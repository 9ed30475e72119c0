package dev.sluice.ops;

import dev.sluice.ops.meters.LatencyBuckets;
import dev.sluice.ops.meters.MeterCache;
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
    private final Counter journalEvicted;
    /** By provider, model, outcome. */
    private final MeterCache<EndMeters> endMeters;
    /** By provider, model, transport. */
    private final MeterCache<DeliveryTimers> deliveryTimers;

    private record EndMeters(Counter outcomes, Counter tokens, Timer duration) { }

    private record DeliveryTimers(Timer ttft, Timer gap, Timer overhead) { }

    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("sluice.streams.active", activeStreams);
        registry.gauge("sluice.subscribers.active", activeSubscribers);
        this.slowConsumers = Counter.builder("sluice.slow.consumers")
                .description("Subscribers disconnected for lagging too far behind live").register(registry);
        this.duplicatesDropped = Counter.builder("sluice.events.dropped")
                .description("Out-of-order or duplicate events dropped before delivery; should stay 0")
                .register(registry);
        this.journalEvicted = Counter.builder("sluice.journal.evicted")
                .description("Finished streams dropped before their resume window ended, to keep the journal "
                        + "within sluice.journal.global-max-bytes").register(registry);
        this.endMeters = new MeterCache<>(labels -> endMeters(labels.get(0), labels.get(1), labels.get(2)));
        this.deliveryTimers = new MeterCache<>(labels -> deliveryTimers(labels.get(0), labels.get(1), labels.get(2)));
    }

    public void streamStarted() {
        activeStreams.incrementAndGet();
    }

    /** A stream ended; {@code outcome} is the finish reason or the error code. */
    public void streamEnded(String provider, String model, String outcome, long tokens, Duration duration) {
        activeStreams.decrementAndGet();
        EndMeters meters = endMeters.get(provider, model, outcome);
        meters.outcomes().increment();
        meters.tokens().increment(tokens);
        meters.duration().record(duration);
    }

    private EndMeters endMeters(String provider, String model, String outcome) {
        return new EndMeters(
                Counter.builder("sluice.streams.outcomes").description("Streams ended, by outcome")
                        .tags("provider", provider, "model", model, "outcome", outcome).register(registry),
                Counter.builder("sluice.tokens").description("Text deltas generated (about one per upstream token)")
                        .tags("provider", provider, "model", model).register(registry),
                Timer.builder("sluice.stream.duration").description("Start to terminal event of a stream")
                        .tags("provider", provider, "model", model, "outcome", outcome).register(registry));
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

    /** A finished stream was dropped early to make room in the journal's budget. */
    public void journalEvicted() {
        journalEvicted.increment();
    }

    public void duplicateDropped() {
        duplicatesDropped.increment();
    }

    /** The meters one delivery (a subscriber on a transport) records into, resolved once. */
    public DeliveryMeters delivery(String provider, String model, String transport) {
        DeliveryTimers timers = deliveryTimers.get(provider, model, transport);
        return new DeliveryMeters(timers.ttft(), timers.gap(), timers.overhead());
    }

    private DeliveryTimers deliveryTimers(String provider, String model, String transport) {
        String[] tags = {"provider", provider, "model", model, "transport", transport};
        return new DeliveryTimers(
                Timer.builder("sluice.ttft").description("Time to first token as the client sees it")
                        .tags(tags).serviceLevelObjectives(LatencyBuckets.FIRST_TOKEN).register(registry),
                Timer.builder("sluice.token.gap").description("Gap between consecutive tokens as the client sees it")
                        .tags(tags).serviceLevelObjectives(LatencyBuckets.TOKEN_GAP).register(registry),
                Timer.builder("sluice.overhead")
                        .description("Time a token spent inside Sluice: from the provider emitting it to the transport writing it")
                        .tags(tags).serviceLevelObjectives(LatencyBuckets.OVERHEAD).register(registry));
    }
}
