package dev.sluice.policy.masking;

import java.util.Collection;

/** A request or session named a profile that is not configured (a client error: 400). */
public final class UnknownMaskingProfileException extends IllegalArgumentException {

    private final String profile;

    public UnknownMaskingProfileException(String profile, Collection<String> known) {
        super("Unknown masking profile '" + profile + "'; configured profiles: " + String.join(", ", known));
        this.profile = profile;
    }

    public String profile() { return profile; }
}
