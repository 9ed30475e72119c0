/**
 * Per-key rate limits (requests and completion tokens per window, concurrent streams) behind a
 * small SPI, {@link dev.sluice.security.ratelimit.RateLimiter}: the memory implementation counts
 * per replica; a shared store (Redis) can implement the same interface later.
 */
package dev.sluice.security.ratelimit;
