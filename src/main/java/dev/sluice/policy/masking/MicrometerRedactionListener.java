package dev.sluice.policy.masking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Redaction metrics: {@code sluice.redactions} (tags detector, action; blocked streams are
 * {@code action=block}) and {@code sluice.redactor.holdback.chars}, the characters held back
 * after each chunk. Detector names come from configuration, so cardinality stays bounded.
 */
@ApplicationScoped
public class MicrometerRedactionListener implements RedactionListener {

    private final MeterRegistry registry;
    private final DistributionSummary holdback;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    MicrometerRedactionListener(MeterRegistry registry) {
        this.registry = registry;
        this.holdback = DistributionSummary.builder("sluice.redactor.holdback.chars")
                .description("Characters the streaming redactor holds back after each chunk")
                .baseUnit("chars").publishPercentileHistogram().register(registry);
    }

    @Override
    public void redacted(String detector, MaskingAction action) {
        counters.computeIfAbsent(detector + '\u0000' + action.wire(), k -> Counter.builder("sluice.redactions")
                .description("Values redacted, by detector and action")
                .tags("detector", detector, "action", action.wire()).register(registry)).increment();
    }

    @Override
    public void heldBack(int chars) {
        holdback.record(chars);
    }
}
