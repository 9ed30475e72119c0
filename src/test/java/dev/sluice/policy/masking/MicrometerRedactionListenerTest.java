package dev.sluice.policy.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MicrometerRedactionListenerTest {

    @Test
    void countsRedactionsByDetectorAndActionAndRecordsHoldBack() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerRedactionListener listener = new MicrometerRedactionListener(registry);
        StreamingRedactor redactor = TestProfiles.all(MaskingAction.MASK, 64, listener).newRedactor();

        redactor.accept(dev.sluice.model.Delta.Text.content("a@example.com, b@example.com and 10.0.0"));
        redactor.accept(dev.sluice.model.Delta.Text.content(".1 done. "));

        assertEquals(2.0, registry.get("sluice.redactions").tags("detector", "email", "action", "mask").counter().count());
        assertEquals(1.0, registry.get("sluice.redactions").tags("detector", "ip", "action", "mask").counter().count());
        // One hold-back: "10.0.0" after the first chunk, until ".1 done. " released it; timed, and
        // recorded with the most it held.
        assertEquals(1, registry.get("sluice.redactor.holdback.chars").summary().count());
        assertEquals(6.0, registry.get("sluice.redactor.holdback.chars").summary().totalAmount());
        assertEquals(1, registry.get("sluice.redactor.holdback").timer().count());
    }

    @Test
    void countsBlockedStreamsByDetector() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerRedactionListener listener = new MicrometerRedactionListener(registry);
        StreamingRedactor redactor = TestProfiles.all(MaskingAction.BLOCK, 64, listener).newRedactor();

        redactor.accept(dev.sluice.model.Delta.Text.content("write to a@example.com"));
        redactor.flush();

        assertEquals(1.0, registry.get("sluice.streams.blocked").tags("detector", "email").counter().count());
        assertEquals(1.0, registry.get("sluice.redactions").tags("detector", "email", "action", "block").counter().count());
    }
}
