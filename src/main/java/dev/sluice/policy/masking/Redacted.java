package dev.sluice.policy.masking;

import dev.sluice.model.Redaction;
import dev.sluice.model.Delta;
import java.util.List;

/**
 * The result of redacting a whole text at once: the masked text, the redactions in order,
 * and whether a {@code block} detector stopped it (then {@code text} ends where the blocked
 * value began).
 */
public record Redacted(String text, List<Redaction> redactions, boolean blocked) {}
