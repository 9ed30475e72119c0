package dev.sluice.policy.masking;

import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits written together, or in groups of four (or 4-6-5)
 * separated by spaces or dashes; only numbers that pass the Luhn check count.
 */
public final class CardDetector implements Detector {

    private static final Pattern PATTERN = Pattern.compile(
            "(?<!\\d)(?:\\d{13,19}|\\d{4}(?: \\d{4}){3}|\\d{4}(?:-\\d{4}){3}|\\d{4} \\d{6} \\d{5}|\\d{4}-\\d{6}-\\d{5})(?!\\d)");

    @Override
    public String name() { return "card"; }

    @Override
    public Pattern pattern() { return PATTERN; }

    @Override
    public boolean isValid(String match) {
        return luhn(match);
    }

    /** The Luhn (mod 10) check over the digits of {@code text}, ignoring separators. */
    static boolean luhn(String text) {
        int sum = 0;
        boolean twice = false;
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
