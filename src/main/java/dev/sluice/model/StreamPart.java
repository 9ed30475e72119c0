package dev.sluice.model;

/**
 * What the framer turns into stream events: a provider's {@link Delta}, or a {@link Redaction}
 * the masking policy inserted between them. Kept apart so that a provider's chunk type says only
 * what a provider can say.
 */
public sealed interface StreamPart permits Delta, Redaction {
}
