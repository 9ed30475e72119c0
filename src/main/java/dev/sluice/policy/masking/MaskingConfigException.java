package dev.sluice.policy.masking;

/** Masking configuration that cannot work; names the exact property so it can be fixed. */
public final class MaskingConfigException extends IllegalArgumentException {

    private final String key;

    public MaskingConfigException(String key, String problem) {
        super("Invalid masking configuration " + key + ": " + problem);
        this.key = key;
    }

    /** The offending property, e.g. {@code sluice.masking.profiles.standard.detectors.emial}. */
    public String key() { return key; }
}
