/**
 * Small Mutiny operators shared by the provider adapters and the stream pipeline. Depends on
 * Mutiny only, never on Sluice's own packages.
 */
package dev.sluice.flow;
