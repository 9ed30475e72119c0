/**
 * Who is calling: API keys (stored as SHA-256 hashes) mapped to tenants and per-key settings,
 * authentication of a presented key, and the admission of new streams and calls (allowed models,
 * {@code max_tokens} ceiling, rate limits). It says no with
 * {@link dev.sluice.security.refusal.RefusedException} and writes no replies: the API layer maps
 * refusals to its errors, and its HTTP guard steps ({@code dev.sluice.api.guard}) run
 * authentication in front of {@code /v1/*}. Depends on {@code dev.sluice.stream} for owners and on
 * {@code dev.sluice.security.ratelimit} for limits; imports nothing from {@code dev.sluice.api}.
 */
package dev.sluice.security;
