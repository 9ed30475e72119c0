package dev.sluice.policy.masking;

import java.util.Optional;
import java.util.regex.Pattern;

/** JSON Web Tokens: three base64url segments separated by dots, the first starting {@code eyJ}. */
public final class JwtDetector implements Detector {

    private static final Pattern PATTERN = Pattern.compile(
            "(?<![\\w-])eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+(?![\\w-])");

    private static final Pattern CONTINUATION = Pattern.compile("[\\w-]*(?:\\.[\\w-]+)*");

    @Override
    public String name() { return "jwt"; }

    @Override
    public Pattern pattern() { return PATTERN; }

    @Override
    public Optional<Pattern> continuation() { return Optional.of(CONTINUATION); }
}
