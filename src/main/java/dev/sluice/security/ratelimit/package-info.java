/**
 * Per-key rate limits (requests and completion tokens per window, concurrent streams) behind a
 * small SPI, {@link dev.sluice.security.ratelimit.RateLimiter}, counted against a key's
 * {@link dev.sluice.security.ratelimit.RateLimits}. The window arithmetic, verdicts and refusals
 * are {@link dev.sluice.security.ratelimit.RateWindow}'s, shared by the memory implementation
 * (per replica) and the Redis one (shared by every replica), which only keep the counts. Imports
 * nothing from {@code dev.sluice.security}: that package admits through this one and hands it the
 * configured window.
 */
package dev.sluice.security.ratelimit;
