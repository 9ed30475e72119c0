package dev.sluice.policy.masking;

import java.nio.CharBuffer;
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
    /**
     * For an ASCII character after an ASCII character, bit {@code c} of row {@code p}: whether
     * any rule's match may start (or may start once more text comes) at a {@code c} right after
     * a {@code p}; null when the rules' patterns use a construct the table cannot answer for.
     */
    private final long[][] mayStartAfter;

    CombinedPattern(List<DetectorRule> rules) {
        this.rules = List.copyOf(rules);
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            alternatives.add("(?<" + GROUP + i + ">" + rules.get(i).detector().pattern().pattern() + ")");
        }
        this.pattern = Pattern.compile(String.join("|", alternatives));
        this.mayStartAfter = startTable(pattern);
    }

    /**
     * Whether a match of any rule may start at {@code x} of {@code text}, or may once more text
     * comes: false only where no rule can, so the redactor's probe of every start position skips
     * the positions inside words, where none of the built-in detectors starts (each begins with
     * a look-behind that refuses a preceding letter or digit). Positions the table does not cover
     * (the first of the text, a non-ASCII character on either side) are always probed.
     */
    boolean mayStartAt(CharSequence text, int x) {
        if (mayStartAfter == null || x == 0) {
            return true;
        }
        char p = text.charAt(x - 1);
        char c = text.charAt(x);
        if (p >= 128 || c >= 128) {
            return true;
        }
        return (mayStartAfter[p][c >> 6] & (1L << c)) != 0;
    }

    /**
     * The table of {@link #mayStartAt}, found by asking the pattern itself: for every pair of
     * ASCII characters {@code p c}, whether {@code lookingAt} from {@code c} (with {@code p} visible
     * behind it) matches or hits the end of the two characters. That answer depends only on
     * {@code p} and {@code c} for patterns whose look-behinds refuse ({@code (?<!...)}: with less
     * text behind, they refuse less, so the table says "may" more often, never less) and whose
     * word boundaries look one character back. A positive look-behind ({@code (?<=...)}) may need
     * more than {@code p} to accept, and {@code \G} depends on the previous match: with either, no
     * table, every position is probed.
     */
    private static long[][] startTable(Pattern pattern) {
        String source = pattern.pattern();
        if (source.contains("(?<=") || source.contains("\\G")) {
            return null;
        }
        long[][] table = new long[128][2];
        char[] pair = new char[2];
        Matcher m = pattern.matcher("").useTransparentBounds(true).useAnchoringBounds(false);
        for (char p = 0; p < 128; p++) {
            for (char c = 0; c < 128; c++) {
                pair[0] = p;
                pair[1] = c;
                m.reset(CharBuffer.wrap(pair));
                m.region(1, 2);
                if (m.lookingAt() || m.hitEnd()) {
                    table[p][c >> 6] |= 1L << c;
                }
            }
        }
        return table;
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
