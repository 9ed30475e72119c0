/**
 * The embedded {@code simulator} provider: real BPE tokens from a built-in multilingual corpus or
 * an echo of the prompt, paced by Vert.x timers, with configurable failure injection. It depends
 * only on the provider SPI, never on transports or the journal.
 */
package dev.sluice.provider.simulator;
