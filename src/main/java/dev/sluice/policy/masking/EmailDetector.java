package dev.sluice.policy.masking;

import java.util.regex.Pattern;

/** E-mail addresses: {@code local@domain.tld}; a trailing sentence period is not part of it. */
public final class EmailDetector implements Detector {

    private static final Pattern PATTERN = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![A-Za-z0-9_-])");

    @Override
    public String name() { return "email"; }

    @Override
    public Pattern pattern() { return PATTERN; }
}
