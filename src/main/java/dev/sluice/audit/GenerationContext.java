package dev.sluice.audit;

import dev.sluice.model.Redaction;
import dev.sluice.policy.retention.RetentionPolicy;
import dev.sluice.model.Delta;
import java.util.List;

/**
 * What the audit trail knows of a generation before its events: who asked, in which session,
 * under which retention, and the prompt's fingerprint.
 *
 * @param session          null outside a session (the records are then only logged)
 * @param retention        the session's retention, or {@link RetentionPolicy#NONE} outside a session
 * @param ttlSeconds       how long stored records live
 * @param promptTokens     tokens of the context sent upstream as the session counted them, or 0 (the usage event then tells)
 * @param originalPrompt   the prompt as the client sent it, kept only under {@code full} retention; else null
 * @param startedAtMillis  epoch milliseconds when the generation was started
 * @param promptRedactions what masking the prompt before it went upstream redacted (detector, action)
 */
public record GenerationContext(String tenant, String keyId, String session, RetentionPolicy retention,
                                long ttlSeconds, String promptFingerprint, int promptTokens, String originalPrompt,
                                long startedAtMillis, List<Redaction> promptRedactions) {

    public GenerationContext {
        promptRedactions = promptRedactions == null ? List.of() : List.copyOf(promptRedactions);
    }
}
