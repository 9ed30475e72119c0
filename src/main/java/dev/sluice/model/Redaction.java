package dev.sluice.model;

/**
 * Inserted by the masking policy, never by a provider: the text that follows replaced a match of
 * {@code detector} (its {@code action}: mask, hash, tokenize…). The framer makes it a {@code
 * redaction} event; no provider can emit one.
 */
public record Redaction(String detector, String action, String replacement) implements StreamPart {
}
