package dev.sluice.policy.masking;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds one kind of sensitive value. The pattern must not match the empty string and
 * should begin with a cheap guard (a look-behind or a distinctive first character) so that
 * text which cannot start a match costs almost nothing and is never held back.
 */
public interface Detector {

    /** The name used in configuration, redaction events and metrics, e.g. {@code email}. */
    String name();

    /** The regular expression; combined with the other detectors of a profile. */
    Pattern pattern();

    /** Checks a complete match (e.g. Luhn, mod-97); a match that fails is plain text. */
    default boolean isValid(String match) {
        return true;
    }

    /**
     * For token-shaped secrets that may be longer than the hold-back window: the characters
     * that would still extend a match. After the window forces a match out early, the
     * redactor swallows what follows while it keeps matching this, so the tail never leaks.
     */
    default Optional<Pattern> continuation() {
        return Optional.empty();
    }

    /** The word shown by the {@code mask} and {@code hash} actions, e.g. {@code EMAIL}. */
    default String label() {
        return name().toUpperCase(Locale.ROOT);
    }
}
