/**
 * Who owns each stream and where it runs, shared by every replica when the store is shared: the
 * {@link dev.sluice.stream.registry.StreamRegistry} SPI. It knows no HTTP, JSON shapes or Redis.
 */
package dev.sluice.stream.registry;
