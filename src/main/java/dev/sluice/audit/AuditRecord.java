package dev.sluice.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * One audit record (DESIGN §6): either a whole generation ({@code kind=generation}) or one
 * intervention of the redactor ({@code kind=intervention}). Written as one JSON line to the
 * {@code sluice.audit} log category and, in a session that retains records, to the
 * {@link AuditStore} until {@link #expiresAt()}. Never carries raw text unless the session's
 * retention is {@code full} ({@link #prompt()}).
 *
 * @param id                unique id of the record
 * @param kind              {@code generation} or {@code intervention}
 * @param at                when the record was made, epoch milliseconds
 * @param expiresAt         when a store drops it, epoch milliseconds (0 when not stored)
 * @param tenant            "" in open mode
 * @param keyId             null in open mode
 * @param session           null for a generation outside a session
 * @param promptFingerprint HMAC-SHA256 of the prompt as the client sent it, {@code hmac-sha256:<hex>}
 * @param promptTokens      tokens of the context sent upstream (after masking and pruning)
 * @param completionTokens  tokens generated (the usage event's, else the count of text events)
 * @param timings           timestamps summary (generation records)
 * @param outcome           {@code stop}, {@code length}, {@code cancelled}, … or the error code
 *                          ({@code policy_violation}, {@code upstream_error}, …)
 * @param redactions        per {@code detector:action}, how many interventions (generation records)
 * @param detector          the detector (intervention records)
 * @param action            {@code mask}, {@code partial}, {@code hash}, {@code drop} or {@code block} (intervention records)
 * @param streamId          null for a generation refused before it started (a {@code block} in its prompt)
 * @param seq               the seq of the {@code redaction} event (intervention records); null for an
 *                          intervention in the prompt
 * @param prompt            the original prompt, under {@code full} retention only; else null
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "kind", "at", "tenant", "keyId", "session", "streamId"})
public record AuditRecord(String id, String kind, long at, long expiresAt, String tenant, String keyId,
                          String session, String streamId, String model, String provider,
                          String promptFingerprint, Integer promptTokens, Integer completionTokens,
                          Timings timings, String outcome, Map<String, Integer> redactions,
                          String detector, String action, Long seq, String prompt) {

    public static final String GENERATION = "generation";
    public static final String INTERVENTION = "intervention";

    public AuditRecord {
        redactions = redactions == null ? null : Map.copyOf(redactions);
    }

    /** The same record with another expiry (set when it is stored). */
    public AuditRecord expiringAt(long newExpiresAt) {
        return new AuditRecord(id, kind, at, newExpiresAt, tenant, keyId, session, streamId, model, provider,
                promptFingerprint, promptTokens, completionTokens, timings, outcome, redactions, detector, action,
                seq, prompt);
    }

    /**
     * When a generation happened, all in milliseconds.
     *
     * @param startedAt   epoch milliseconds when the stream started
     * @param endedAt     epoch milliseconds when it ended
     * @param ttftMs      from start to the first text, or null when none came
     * @param durationMs  from start to the terminal event
     * @param maxGapMs    largest gap between two text events, or null with fewer than two
     * @param textEvents  how many text events the stream delivered
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Timings(long startedAt, long endedAt, Double ttftMs, double durationMs, Double maxGapMs,
                          int textEvents) {}
}
