package dev.sluice.policy.retention;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a session keeps of its conversations (DESIGN §6), each for the session's TTL.
 * Ordered from least to most: a policy keeps everything the ones before it keep.
 */
@RegisterForReflection
public enum RetentionPolicy {
    /** Nothing after the journal's resume window: no history, no stored audit record. */
    NONE,
    /** Timings, counts and fingerprints: history turns and audit records without any text. */
    METADATA,
    /** The masked text: history turns with masked prompts and responses. */
    REDACTED,
    /** The original prompt text too; only when the session's masking profile allows it. */
    FULL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RetentionPolicy> parse(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(p -> p.wire().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    @JsonCreator
    static RetentionPolicy fromJson(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown retention policy: " + value));
    }

    /** Whether history and audit records are kept in the store at all. */
    public boolean storesRecords() {
        return this != NONE;
    }

    /** Whether text (masked, or original under {@link #FULL}) is kept. */
    public boolean storesText() {
        return this == REDACTED || this == FULL;
    }
}
