/**
 * Meter helpers shared by every layer that records latency: the histogram buckets and a cache of
 * tagged meters. They import no other Sluice package, so the journal, the providers and the
 * operations package can all use them without depending on each other.
 */
package dev.sluice.ops.meters;
