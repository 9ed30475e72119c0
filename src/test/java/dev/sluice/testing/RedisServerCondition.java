package dev.sluice.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Enables {@link NeedsRedisServer} suites when redis-server is on the PATH or CI is running. */
public class RedisServerCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equals(System.getenv("CI")) || Commands.onPath("redis-server")) {
            return ConditionEvaluationResult.enabled("redis-server available (or CI)");
        }
        return ConditionEvaluationResult.disabled(
                "redis-server is not installed: Redis suites skipped (apt-get install redis-server; bash .ci/run installs it)");
    }
}
