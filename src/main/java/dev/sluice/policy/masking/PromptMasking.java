package dev.sluice.policy.masking;

import dev.sluice.model.Redaction;
import dev.sluice.provider.ChatMessage;
import java.util.List;

/**
 * A prompt masked for upstream in one pass ({@link MaskingProfile#maskForUpstream}): the messages
 * as they may go, the interventions that made them (for the audit trail), and the refusal when a
 * {@code block} detector matched, in which case nothing may go upstream.
 *
 * @param messages      the masked messages; empty when {@code blocked} is set
 * @param interventions every message's redactions in order, those after a block included
 * @param blocked       the refusal to throw, or null
 */
public record PromptMasking(List<ChatMessage> messages, List<Redaction> interventions,
                            PolicyViolationException blocked) {}
