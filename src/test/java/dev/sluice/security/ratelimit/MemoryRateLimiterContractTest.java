package dev.sluice.security.ratelimit;

import dev.sluice.store.contract.RateLimiterContract;

/** The rate-limit contract on the memory limiter (real clock). */
class MemoryRateLimiterContractTest extends RateLimiterContract {

    private final MemoryRateLimiter limiter = new MemoryRateLimiter(WINDOW.toNanos(), System::nanoTime);

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }
}
