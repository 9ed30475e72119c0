/**
 * The audit trail: records per generation and per intervention, the store SPI that keeps them
 * for a session's retention TTL, and the writer that logs them as JSON lines. Depends only on
 * {@code stream}, {@code policy} and {@code provider} contract types; never on transports.
 */
package dev.sluice.audit;
