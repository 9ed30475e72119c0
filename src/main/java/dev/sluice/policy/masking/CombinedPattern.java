package dev.sluice.policy.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detectors of a profile as ONE alternation of named groups, so a single pass finds the
 * earliest match of any of them; at the same position the first rule wins. Matchers use
 * transparent, non-anchoring bounds so look-behinds see the text before a region.
 */
final class CombinedPattern {

    private static final String GROUP = "sluiceRule";

    private final List<DetectorRule> rules;
    private final Pattern pattern;

    CombinedPattern(List<DetectorRule> rules) {
        this.rules = List.copyOf(rules);
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            alternatives.add("(?<" + GROUP + i + ">" + rules.get(i).detector().pattern().pattern() + ")");
        }
        this.pattern = Pattern.compile(String.join("|", alternatives));
    }

    Matcher matcher(CharSequence text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /** The rule whose group produced the current match of {@code m}. */
    DetectorRule ruleOf(Matcher m) {
        for (int i = 0; i < rules.size(); i++) {
            if (m.start(GROUP + i) >= 0) {
                return rules.get(i);
            }
        }
        throw new IllegalStateException("match without a rule group");
    }

    /** Whether a complete match counts: not empty, and its detector's check passes. */
    static boolean accepts(DetectorRule rule, String original) {
        return !original.isEmpty() && rule.detector().isValid(original);
    }

    /**
     * A token-shaped rule (one with a continuation) whose match starting at {@code from} is
     * still in progress at the end of {@code text}, or null.
     */
    DetectorRule tokenInProgress(CharSequence text, int from) {
        for (DetectorRule rule : rules) {
            if (rule.detector().continuation().isEmpty()) {
                continue;
            }
            Matcher m = rule.detector().pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            m.region(from, text.length());
            if (!m.lookingAt() && m.hitEnd()) {
                return rule;
            }
        }
        return null;
    }
}
