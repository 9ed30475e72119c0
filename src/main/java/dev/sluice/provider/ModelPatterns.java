package dev.sluice.provider;

import java.util.List;

/**
 * The upstream model names one provider accepts as clients send them
 * ({@code sluice.providers.<name>.models}): exact names, and patterns in which {@code *} stands for
 * any run of characters ({@code /} and {@code :} included). Of several patterns that match a name,
 * the most specific one counts: an exact name beats any wildcard, and a wildcard with more literal
 * characters beats one with fewer ({@code gpt-4o*} beats {@code gpt-*} beats {@code *}).
 */
public final class ModelPatterns {

    /** The specificity of an exact name: above any wildcard's literal count. */
    static final int EXACT = Integer.MAX_VALUE;

    private final List<String> patterns;

    private ModelPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * @param key the configuration key, named when a pattern is blank
     * @throws IllegalStateException for a blank pattern
     */
    public static ModelPatterns of(String key, List<String> patterns) {
        for (String pattern : patterns) {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalStateException(key + ": a model pattern must not be blank");
            }
        }
        return new ModelPatterns(patterns.stream().map(String::trim).toList());
    }

    public List<String> patterns() {
        return patterns;
    }

    /** The most specific pattern matching {@code model}, or null when none does. */
    public String match(String model) {
        String best = null;
        int bestScore = -1;
        for (String pattern : patterns) {
            if (matches(pattern, model)) {
                int score = specificity(pattern);
                if (score > bestScore) {
                    best = pattern;
                    bestScore = score;
                }
            }
        }
        return best;
    }

    public static boolean wildcard(String pattern) {
        return pattern.indexOf('*') >= 0;
    }

    /** How specific a pattern is: {@link #EXACT} without a wildcard, else its count of literal characters. */
    public static int specificity(String pattern) {
        if (!wildcard(pattern)) {
            return EXACT;
        }
        int literal = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) != '*') {
                literal++;
            }
        }
        return literal;
    }

    /** Glob match with {@code *} only, iterative (no regex, so no pathological backtracking on client names). */
    public static boolean matches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
