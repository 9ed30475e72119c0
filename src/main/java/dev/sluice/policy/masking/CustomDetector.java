package dev.sluice.policy.masking;

import java.util.regex.Pattern;

/** A regular expression from configuration ({@code profiles.<p>.custom.<name>.pattern}). */
public record CustomDetector(String name, Pattern pattern) implements Detector {

    @Override
    public String label() { return "REDACTED"; }
}
