/**
 * Who is calling: API keys (stored as SHA-256 hashes) mapped to tenants and per-key settings,
 * the one authentication handler in front of {@code /v1/*}, the admission of new streams (allowed
 * models, {@code max_tokens} ceiling, rate limits) and browser-origin checks. Depends on
 * {@code dev.sluice.api.common} for the error shape and on {@code dev.sluice.stream} for owners;
 * the transports depend on it, never the other way round.
 */
package dev.sluice.security;
