/**
 * Streaming a model alias's route: retries with backoff before the first delta, fallback to the
 * next target, a circuit breaker per provider, and the upstream metrics. Provider-agnostic: it
 * sees only {@code ModelProvider}s and {@code ProviderException}s.
 */
package dev.sluice.provider.routing;
