package dev.sluice.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a suite that starts a real {@code redis-server}. Where none is installed it is skipped
 * with a message saying so, as the e2e suite is without Node.js; under CI ({@code CI=true}) it
 * always runs, so a missing install step fails the build instead of hiding tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RedisServerCondition.class)
public @interface NeedsRedisServer {
}
