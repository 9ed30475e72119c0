package dev.sluice.policy.masking;

import java.util.regex.Pattern;

/**
 * International bank account numbers (upper case), with or without spaces between groups
 * of four; only numbers whose ISO 13616 mod-97 checksum is right count.
 */
public final class IbanDetector implements Detector {

    private static final Pattern PATTERN = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])");

    @Override
    public String name() { return "iban"; }

    @Override
    public Pattern pattern() { return PATTERN; }

    @Override
    public boolean isValid(String match) {
        return mod97(match.replace(" ", ""));
    }

    /** Moves the country code and check digits to the end and checks the remainder is 1. */
    static boolean mod97(String iban) {
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int value = Character.digit(rearranged.charAt(i), 36);
            if (value < 0) {
                return false;
            }
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }
        return remainder == 1;
    }
}
