package dev.sluice.policy.masking;

import dev.sluice.model.GenerationFailure;
import dev.sluice.model.ErrorCode;

/**
 * A detector whose action is {@code block} found a value: the stream (or the request, for a
 * prompt) ends with {@code policy_violation}. The message names the detector only.
 */
public final class PolicyViolationException extends GenerationFailure {

    private final String detector;

    public PolicyViolationException(String detector, String where) {
        super(ErrorCode.POLICY_VIOLATION, "Blocked by masking policy: " + where + " contained a value the '"
                + detector + "' detector blocks");
        this.detector = detector;
    }

    public String detector() { return detector; }
}
