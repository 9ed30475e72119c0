package dev.sluice.policy.masking;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Deny-listed terms from configuration: case-insensitive, whole words only (a term is not
 * found inside a longer word). Longer terms are tried first so {@code acme corp} wins over
 * {@code acme}.
 */
public final class TermsDetector implements Detector {

    public static final String NAME = "terms";

    private final Pattern pattern;

    public TermsDetector(List<String> terms) {
        String alternatives = terms.stream()
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("no terms");
        }
        this.pattern = Pattern.compile("(?<![\\p{L}\\p{N}_])(?iu:" + alternatives + ")(?![\\p{L}\\p{N}_])");
    }

    @Override
    public String name() { return NAME; }

    @Override
    public Pattern pattern() { return pattern; }

    @Override
    public String label() { return "REDACTED"; }
}
