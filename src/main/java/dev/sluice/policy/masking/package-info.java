/**
 * Masking of personal data and secrets: detectors, actions, configured profiles, and the
 * streaming redactor that masks text as it flows with a bounded hold-back window.
 * Depends only on {@code dev.sluice.provider} and {@code dev.sluice.stream} contract types;
 * it knows nothing of transports, sessions or the journal.
 */
package dev.sluice.policy.masking;
