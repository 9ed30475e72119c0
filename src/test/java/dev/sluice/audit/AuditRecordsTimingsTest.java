package dev.sluice.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sluice.policy.retention.RetentionPolicy;
import dev.sluice.model.Channel;
import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generation record's timings, folded from the journaled events' times. */
class AuditRecordsTimingsTest {

    private static final GenerationContext CONTEXT = new GenerationContext("t", null, null, RetentionPolicy.METADATA,
            0, "hmac-sha256:x", 5, null, 1_000_000L, List.of());

    @Test
    void timeToFirstTextLongestGapAndCountComeFromTheTextEvents() {
        List<StreamEvent> events = List.of(
                new StreamEvent.Start("s", 0, 0.0, "m", "p", null, 1L),
                text(1, 12.5),
                text(2, 32.6),
                new StreamEvent.Redaction("s", 3, 40.0, "email", "mask", "[EMAIL]"),
                text(4, 95.0005),
                text(5, 100.0),
                new StreamEvent.Done("s", 6, 120.4, FinishReason.STOP));

        AuditRecord.Timings timings = generation(events).timings();

        assertEquals(12.5, timings.ttftMs());
        // 32.6 -> 95.0005 is the longest gap, rounded to the microsecond
        assertEquals(62.401, timings.maxGapMs());
        assertEquals(4, timings.textEvents());
        assertEquals(120.4, timings.durationMs());
        assertEquals(1_000_120L, timings.endedAt());
    }

    @Test
    void oneTextEventHasNoGapAndNoneHasNoFirstText() {
        AuditRecord.Timings one = generation(List.of(text(0, 7.0), new StreamEvent.Done("s", 1, 8.0, FinishReason.STOP)))
                .timings();
        assertEquals(7.0, one.ttftMs());
        assertNull(one.maxGapMs());
        assertEquals(1, one.textEvents());

        AuditRecord.Timings none = generation(List.of(new StreamEvent.Done("s", 0, 3.0, FinishReason.STOP))).timings();
        assertNull(none.ttftMs());
        assertNull(none.maxGapMs());
        assertEquals(0, none.textEvents());
    }

    private static AuditRecord generation(List<StreamEvent> events) {
        List<AuditRecord> records = AuditRecords.of(CONTEXT, "s", events, 2_000_000L);
        return records.get(records.size() - 1);
    }

    private static StreamEvent text(long seq, double at) {
        return new StreamEvent.Text("s", seq, at, Channel.CONTENT, "w", 0);
    }
}
