package dev.sluice.policy.masking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Redaction metrics: {@code sluice.redactions} (tags detector, action), {@code sluice.streams.blocked}
 * (tag detector: streams and prompts a {@code block} detector ended), {@code sluice.redactor.holdback.chars}
 * (the most characters held back during each uninterrupted hold-back) and
 * {@code sluice.redactor.holdback} (how long each one lasted). Detector names come from configuration, so cardinality stays bounded.
 */
@ApplicationScoped
public class MicrometerRedactionListener implements RedactionListener {

    private final MeterRegistry registry;
    private final DistributionSummary holdback;
    private final Timer holdbackTime;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Counter> blocked = new ConcurrentHashMap<>();

    MicrometerRedactionListener(MeterRegistry registry) {
        this.registry = registry;
        this.holdback = DistributionSummary.builder("sluice.redactor.holdback.chars")
                .description("Most characters the streaming redactor held during each uninterrupted hold-back")
                .baseUnit("chars").publishPercentileHistogram().register(registry);
        this.holdbackTime = Timer.builder("sluice.redactor.holdback")
                .description("How long the streaming redactor held characters back, per uninterrupted hold-back")
                .publishPercentileHistogram().register(registry);
    }

    @Override
    public void redacted(String detector, MaskingAction action) {
        counters.computeIfAbsent(detector + '\u0000' + action.wire(), k -> Counter.builder("sluice.redactions")
                .description("Values redacted, by detector and action")
                .tags("detector", detector, "action", action.wire()).register(registry)).increment();
        if (action == MaskingAction.BLOCK) {
            blocked.computeIfAbsent(detector, k -> Counter.builder("sluice.streams.blocked")
                    .description("Streams and prompts ended by a block detector, by detector")
                    .tag("detector", detector).register(registry)).increment();
        }
    }

    @Override
    public void heldFor(long nanos) {
        holdbackTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void heldBack(int chars) {
        holdback.record(chars);
    }
}
