package dev.sluice.provider.simulator;

import dev.sluice.model.Delta;
import dev.sluice.model.FinishReason;
import java.util.List;
import java.util.Random;

/**
 * Everything one simulated stream will do, resolved from settings, request options and the
 * request itself. Random choices (text offset, failure draw, gaps) are made from {@link #seed} at
 * subscription, so every subscription of the same plan replays the same stream.
 *
 * @param source        token ids the stream reads from, wrapping around; shared, never modified
 * @param startChoices  indices into {@code source} a stream may start at (paragraph starts)
 * @param count         number of tokens to emit
 * @param finish        finish reason after the last token ({@code length} when max_tokens capped it)
 * @param forcedFailure failure the request forced, or null
 * @param failAt        token index at which drop and stall happen, or null for half way
 * @param script        deltas played instead of tokens (simulated tool calls), one per step, or null;
 *                      then {@code count} is its size and {@code scriptTokens} the completion tokens
 * @param failuresRequested the request itself asked for failures ({@code fail} or {@code failure_rate}):
 *                      they are injected, and count toward no provider's health
 */
record StreamPlan(int[] source, int[] startChoices, int count, FinishReason finish, int promptTokens,
                  long ttftNanos, long gapNanos, long jitterNanos, long seed,
                  FailureKind forcedFailure, double failureRate, List<FailureKind> failureKinds, Integer failAt,
                  List<Delta> script, int scriptTokens, boolean failuresRequested) {

    /** A plan that streams tokens of {@code source}. */
    StreamPlan(int[] source, int[] startChoices, int count, FinishReason finish, int promptTokens,
               long ttftNanos, long gapNanos, long jitterNanos, long seed,
               FailureKind forcedFailure, double failureRate, List<FailureKind> failureKinds, Integer failAt,
               boolean failuresRequested) {
        this(source, startChoices, count, finish, promptTokens, ttftNanos, gapNanos, jitterNanos, seed, forcedFailure,
                failureRate, failureKinds, failAt, null, 0, failuresRequested);
    }

    /** The same timing, failures and prompt, playing {@code script} instead of tokens. */
    StreamPlan playing(ToolCallScript tools) {
        return new StreamPlan(source, startChoices, tools.deltas().size(), tools.finish(), promptTokens, ttftNanos,
                gapNanos, jitterNanos, seed, forcedFailure, failureRate, failureKinds, failAt, tools.deltas(),
                tools.tokens(), failuresRequested);
    }

    /** Completion tokens the usage reports. */
    int completionTokens() {
        return script == null ? count : scriptTokens;
    }

    int startOffset(Random random) {
        return startChoices.length == 1 ? startChoices[0] : startChoices[random.nextInt(startChoices.length)];
    }

    /** The failure this stream will suffer, or null; drawn after the start offset. */
    FailureKind drawFailure(Random random) {
        if (forcedFailure != null) {
            return forcedFailure;
        }
        if (failureRate > 0 && random.nextDouble() < failureRate && !failureKinds.isEmpty()) {
            return failureKinds.get(random.nextInt(failureKinds.size()));
        }
        return null;
    }

    /** Index of the token before which drop and stall strike; never past the last token. */
    int failIndex() {
        return failAt == null ? count / 2 : Math.min(failAt, count);
    }

    /** Next inter-token gap: uniform in {@code gap ± jitter}, never negative; no gap at all when gap is 0. */
    long nextGapNanos(Random random) {
        if (gapNanos == 0) {
            return 0;
        }
        double offset = jitterNanos == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitterNanos;
        return Math.max(0, gapNanos + Math.round(offset));
    }
}
