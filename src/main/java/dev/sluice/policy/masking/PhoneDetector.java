package dev.sluice.policy.masking;

import java.util.regex.Pattern;

/**
 * Phone numbers: international ({@code +44 20 7946 0958}, {@code +1 (415) 555-2671},
 * {@code +442079460958}) and North-American shaped ({@code 415-555-2671},
 * {@code (415) 555-2671}). Years, dates and short numbers do not have these shapes, so they
 * are not matched; a complete match must hold 7 to 15 digits (E.164).
 */
public final class PhoneDetector implements Detector {

    private static final Pattern PATTERN = Pattern.compile(
            "(?<![\\w+])(?:"
                    + "\\+[1-9]\\d{6,14}"
                    + "|\\+[1-9]\\d{0,2}(?:[ .-]?\\(\\d{1,4}\\)|[ .-]\\d{1,6}){2,6}"
                    + "|(?:\\(\\d{3}\\) ?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}"
                    + ")(?!\\w)");

    @Override
    public String name() { return "phone"; }

    @Override
    public Pattern pattern() { return PATTERN; }

    @Override
    public boolean isValid(String match) {
        long digits = match.chars().filter(c -> c >= '0' && c <= '9').count();
        return digits >= 7 && digits <= 15;
    }
}
