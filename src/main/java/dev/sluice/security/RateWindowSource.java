package dev.sluice.security;

import dev.sluice.security.ratelimit.RateWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The rate limiters' window, from {@code sluice.auth.rate-window}. The limiters sit below this
 * package (it admits through them), so they get the window as a bean instead of reading
 * {@link AuthConfig}; both the memory and the Redis limiter count in this one.
 */
@ApplicationScoped
class RateWindowSource {

    @Produces
    @Singleton
    RateWindow rateWindow(AuthConfig config) {
        return new RateWindow(config.rateWindow());
    }
}
