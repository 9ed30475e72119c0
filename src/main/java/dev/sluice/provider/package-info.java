/**
 * The provider SPI (ModelProvider, Delta, ProviderException), provider configuration and the registry that resolves model aliases to routes. Knows nothing of transports or the journal.
 */
package dev.sluice.provider;
