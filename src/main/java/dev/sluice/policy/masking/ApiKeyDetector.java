package dev.sluice.policy.masking;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys and bearer tokens by their published shapes: OpenAI-style {@code sk-…} (including
 * {@code sk-proj-…}), AWS access key ids {@code AKIA…}, GitHub {@code ghp_/gho_/ghu_/ghs_/ghr_…}
 * and {@code github_pat_…}, Slack {@code xox[abposr]-…}, and {@code Bearer <token>}.
 */
public final class ApiKeyDetector implements Detector {

    private static final Pattern PATTERN = Pattern.compile(
            "(?<![\\w-])(?:"
                    + "sk-[A-Za-z0-9_-]{20,}"
                    + "|AKIA[0-9A-Z]{16}"
                    + "|gh[pousr]_[A-Za-z0-9]{30,}"
                    + "|github_pat_[A-Za-z0-9_]{22,}"
                    + "|xox[abposr]-[A-Za-z0-9-]{10,}"
                    + "|Bearer [A-Za-z0-9._~+/-]{12,}=*"
                    + ")(?![\\w-])");

    private static final Pattern CONTINUATION = Pattern.compile("[\\w~+/=-]*(?:\\.[\\w~+/=-]+)*");

    @Override
    public String name() { return "api_key"; }

    @Override
    public Pattern pattern() { return PATTERN; }

    @Override
    public Optional<Pattern> continuation() { return Optional.of(CONTINUATION); }
}
