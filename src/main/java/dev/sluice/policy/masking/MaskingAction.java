package dev.sluice.policy.masking;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What happens to a detected value. */
public enum MaskingAction {
    /** Replaced by the detector's label: {@code [EMAIL]}. */
    MASK,
    /** A little is kept: {@code j***@example.com}, {@code **** **** **** 4242}, {@code 19***10}. */
    PARTIAL,
    /** A keyed, stable short hash: {@code [EMAIL:1a2b3c4d]}. */
    HASH,
    /** Removed without a trace in the text (the redaction event still says so). */
    DROP,
    /** Ends the stream with {@code policy_violation}; nothing of the value is delivered. */
    BLOCK;

    /** The configuration and wire name: {@code mask}, {@code partial}, … */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MaskingAction> parse(String text) {
        return Arrays.stream(values()).filter(a -> a.wire().equals(text.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
