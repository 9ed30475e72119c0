package dev.sluice.policy.masking;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detectors of a profile as ONE alternation of named groups, so a single pass finds the
 * earliest match of any of them; at the same position the first rule wins. Matchers use
 * transparent, non-anchoring bounds so look-behinds see the text before a region.
 */
final class CombinedPattern {

    private static final String GROUP = "sluiceRule";

    /** {@link #startMask}'s answer for a position no rule can start at; also the {@link #startSet} of such a position. */
    static final int NONE = 0;
    /** {@link #startMask}'s answer for a position every rule must be tried at (the table does not cover it). */
    static final int ALL = -1;

    private final List<DetectorRule> rules;
    private final Pattern pattern;
    /**
     * For an ASCII character {@code c} right after an ASCII character {@code p}, at
     * {@code [p * 128 + c]}: the set of rules whose match may start there, or may once more text
     * comes, as an index into {@link #setMasks}; null when some rule uses a construct the table
     * cannot answer for, or there are more rules than bits.
     */
    private final short[] startSets;
    /**
     * The distinct sets of rules the table holds, as masks (bit i for rule i): {@link #NONE} at
     * index 0, {@link #ALL} last. A few dozen for the built-in detectors, so a redactor keeps its
     * probe matchers in an array by set, not in a map by mask.
     */
    private final int[] setMasks;
    /** The alternation of each set's rules, built when first asked for. */
    private final AtomicReferenceArray<Subset> setSubsets;
    private final Subset all;

    /** Some of the rules, in their order, as one alternation with the same group names as the whole. */
    record Subset(Pattern pattern, int[] ruleIndexes) {
        Matcher matcher(CharSequence text) {
            return bounded(pattern, text);
        }
    }

    CombinedPattern(List<DetectorRule> rules) {
        this.rules = List.copyOf(rules);
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            alternatives.add(group(i));
        }
        this.pattern = Pattern.compile(String.join("|", alternatives));
        int[] every = new int[rules.size()];
        for (int i = 0; i < every.length; i++) {
            every[i] = i;
        }
        this.all = new Subset(pattern, every);
        int[] masks = startTable(this.rules);
        Map<Integer, Integer> sets = new LinkedHashMap<>();
        sets.put(NONE, 0);
        if (masks == null) {
            this.startSets = null;
        } else {
            this.startSets = new short[masks.length];
            for (int i = 0; i < masks.length; i++) {
                startSets[i] = (short) (int) sets.computeIfAbsent(masks[i], m -> sets.size());
            }
        }
        sets.putIfAbsent(ALL, sets.size());
        this.setMasks = sets.keySet().stream().mapToInt(Integer::intValue).toArray();
        this.setSubsets = new AtomicReferenceArray<>(setMasks.length);
    }

    /**
     * The rules whose match may start at {@code x} of {@code text}, or may once more text comes,
     * as a mask (bit i for rule i): {@link #NONE} where no rule can, so the redactor's probe of
     * every start position skips the positions inside words, where none of the built-in detectors
     * starts (each begins with a look-behind that refuses a preceding letter or digit), and tries
     * only the rules that can elsewhere (at a word start, the e-mail and key detectors, not the
     * card or phone ones). {@link #ALL} for positions the table does not cover (the first of the
     * text, a non-ASCII character on either side).
     */
    int startMask(CharSequence text, int x) {
        return setMasks[startSet(text, x)];
    }

    /**
     * {@link #startMask} as the index of its set of rules, below {@link #sets()}: {@link #NONE}
     * where no rule can start; {@link #subsetOf} gives the set's alternation.
     */
    int startSet(CharSequence text, int x) {
        int all = setMasks.length - 1;
        if (startSets == null || x == 0) {
            return all;
        }
        char p = text.charAt(x - 1);
        char c = text.charAt(x);
        if (p >= 128 || c >= 128) {
            return all;
        }
        return startSets[p * 128 + c];
    }

    /** How many sets of rules {@link #startSet} can answer. */
    int sets() {
        return setMasks.length;
    }

    /** The alternation of the rules in the set (not {@link #NONE}), in their order. */
    Subset subsetOf(int set) {
        Subset subset = setSubsets.get(set);
        if (subset == null) {
            int mask = setMasks[set];
            subset = mask == ALL || mask == (1 << rules.size()) - 1 ? all : buildSubset(mask);
            setSubsets.compareAndSet(set, null, subset);
            subset = setSubsets.get(set);
        }
        return subset;
    }

    private Subset buildSubset(int mask) {
        int[] indexes = new int[Integer.bitCount(mask)];
        List<String> alternatives = new ArrayList<>();
        for (int i = 0, k = 0; i < rules.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                indexes[k++] = i;
                alternatives.add(group(i));
            }
        }
        return new Subset(Pattern.compile(String.join("|", alternatives)), indexes);
    }

    private String group(int i) {
        return "(?<" + GROUP + i + ">" + rules.get(i).detector().pattern().pattern() + ")";
    }

    /**
     * The table of {@link #startMask}, found by asking each rule's pattern itself: for every pair
     * of ASCII characters {@code p c}, whether {@code lookingAt} from {@code c} (with {@code p}
     * visible behind it) matches or hits the end of the two characters. That answer depends only
     * on {@code p} and {@code c} for patterns whose look-behinds refuse ({@code (?<!...)}: with
     * less text behind, they refuse less, so the table says "may" more often, never less) and
     * whose word boundaries look one character back. A positive look-behind ({@code (?<=...)})
     * may need more than {@code p} to accept, and {@code \G} depends on the previous match: with
     * either in any rule, no table, and every position is probed with every rule.
     */
    private static int[] startTable(List<DetectorRule> rules) {
        if (rules.size() > 31) {
            return null;
        }
        Matcher[] probes = new Matcher[rules.size()];
        for (int i = 0; i < probes.length; i++) {
            String source = rules.get(i).detector().pattern().pattern();
            if (source.contains("(?<=") || source.contains("\\G")) {
                return null;
            }
            probes[i] = bounded(rules.get(i).detector().pattern(), "");
        }
        int[] table = new int[128 * 128];
        char[] pair = new char[2];
        CharBuffer text = CharBuffer.wrap(pair);
        for (char p = 0; p < 128; p++) {
            for (char c = 0; c < 128; c++) {
                pair[0] = p;
                pair[1] = c;
                int mask = 0;
                for (int i = 0; i < probes.length; i++) {
                    Matcher m = probes[i].reset(text);
                    m.region(1, 2);
                    if (m.lookingAt() || m.hitEnd()) {
                        mask |= 1 << i;
                    }
                }
                table[p * 128 + c] = mask;
            }
        }
        return table;
    }

    Matcher matcher(CharSequence text) {
        return bounded(pattern, text);
    }

    /** A matcher with transparent, non-anchoring bounds, so look-behinds see the text before a region. */
    static Matcher bounded(Pattern pattern, CharSequence text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /** The rule whose group produced the current match of {@code m}, a matcher of the whole. */
    DetectorRule ruleOf(Matcher m) {
        return ruleOf(m, all);
    }

    /** The rule whose group produced the current match of {@code m}, a matcher of {@code subset}. */
    DetectorRule ruleOf(Matcher m, Subset subset) {
        for (int i : subset.ruleIndexes()) {
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
            Matcher m = bounded(rule.detector().pattern(), text);
            m.region(from, text.length());
            if (!m.lookingAt() && m.hitEnd()) {
                return rule;
            }
        }
        return null;
    }
}
