package dev.sluice.provider.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * Where a paced stream's next token falls (pure arithmetic on nanosecond values, no clock): on
 * the stream's own grid, also after it was held up, so that streams held up by one pause keep
 * their distinct phases instead of producing in lockstep from then on.
 */
class PacingGridTest {

    private static final long GAP = 20;

    @Test
    void onTimeOrSlightlyLateTokensKeepTheGrid() {
        assertEquals(1020, PacedDeltaPublisher.nextSlot(1000, GAP, 1000));
        assertEquals(1020, PacedDeltaPublisher.nextSlot(1000, GAP, 1013), "late by less than a gap: no drift");
        assertEquals(1020, PacedDeltaPublisher.nextSlot(1000, GAP, 1020), "a slot due right now is not skipped");
    }

    @Test
    void aTokenHeldUpForSeveralGapsSkipsTheMissedSlotsWithoutABurst() {
        // held up 95 units: slots 1020..1080 are gone; the next is the first one still ahead
        assertEquals(1100, PacedDeltaPublisher.nextSlot(1000, GAP, 1095));
        assertEquals(1100, PacedDeltaPublisher.nextSlot(1000, GAP, 1100));
        assertEquals(1120, PacedDeltaPublisher.nextSlot(1000, GAP, 1101));
    }

    @Test
    void streamsHeldUpByTheSamePauseKeepTheirOwnPhases() {
        long pauseEnd = 5_000;
        long a = PacedDeltaPublisher.nextSlot(1_003, GAP, pauseEnd);
        long b = PacedDeltaPublisher.nextSlot(1_011, GAP, pauseEnd);
        assertEquals(3, a % GAP);
        assertEquals(11, b % GAP);
        assertNotEquals(a, b, "a pause must not put the two streams in lockstep");
    }

    @Test
    void aLongWaitForDemandCostsNoOverflowOrLoop() {
        long oneHourOfNanos = 3_600_000_000_000L;
        long gap = 20_000_000L;
        long next = PacedDeltaPublisher.nextSlot(0, gap, oneHourOfNanos + 1);
        assertEquals(oneHourOfNanos + gap, next);
    }
}
