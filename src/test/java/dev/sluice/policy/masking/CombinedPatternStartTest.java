package dev.sluice.policy.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.model.Delta;
import dev.sluice.model.Redaction;
import dev.sluice.model.StreamPart;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The start filter the redactor consults before probing a position ({@link CombinedPattern#startMask}):
 * wherever it says no rule can start, the pattern itself neither matches there nor wants more text.
 */
class CombinedPatternStartTest {

    private static final String ALPHABET = "abcxyzAEKMPZ0123456789 .,;:@+-_%()[]=/\\\n\t\"'#~é日";

    /** Every built-in detector, a custom pattern and terms; then custom patterns with context-dependent starts. */
    private static final List<CombinedPattern> PATTERNS = List.of(
            new CombinedPattern(TestProfiles.allRules(MaskingAction.MASK)),
            custom("\\bid[0-9]+"),
            custom("\\Bxx+"),
            custom("(?m)^#[a-z]+"),
            custom("(?<![a-z][0-9])K[0-9]{2}"),
            custom("(?i)zeta|(?<!@)mm"));

    private static CombinedPattern custom(String regex) {
        return new CombinedPattern(List.of(new DetectorRule(new CustomDetector("c", Pattern.compile(regex)),
                MaskingAction.MASK)));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(2).ofMaxLength(60);
    }

    @Property(tries = 400)
    void theRulesThatMayStartAPositionFindWhatAllTheRulesFindThere(@ForAll("texts") String text) {
        for (CombinedPattern pattern : PATTERNS) {
            Matcher whole = pattern.matcher(text);
            for (int x = 0; x < text.length(); x++) {
                whole.region(x, text.length());
                boolean matches = whole.lookingAt();
                boolean hitEnd = whole.hitEnd();
                int set = pattern.startSet(text, x);
                String where = "at " + x + " of '" + text + "'";
                assertEquals(set == CombinedPattern.NONE, pattern.startMask(text, x) == CombinedPattern.NONE, where);
                if (set == CombinedPattern.NONE) {
                    assertFalse(matches || hitEnd, "filtered out a start that matches or may " + where);
                    continue;
                }
                CombinedPattern.Subset subset = pattern.subsetOf(set);
                Matcher some = subset.matcher(text);
                some.region(x, text.length());
                boolean someMatches = some.lookingAt();
                assertEquals(matches, someMatches, "match " + where);
                assertEquals(matches || hitEnd, someMatches || some.hitEnd(), "may match " + where);
                assertEquals(matches && !hitEnd, someMatches && !some.hitEnd(), "stable match " + where);
                if (matches) {
                    assertEquals(whole.end(), some.end(), "end " + where);
                    assertEquals(pattern.ruleOf(whole), pattern.ruleOf(some, subset), "rule " + where);
                }
            }
        }
    }

    @Test
    void positionsInsideWordsAreSkippedForTheBuiltInDetectors() {
        CombinedPattern builtIns = new CombinedPattern(BuiltInDetectors.names().stream()
                .map(name -> new DetectorRule(BuiltInDetectors.byName(name).orElseThrow(), MaskingAction.MASK))
                .toList());
        String text = "hello world";
        List<Integer> probed = new ArrayList<>();
        for (int x = 0; x < text.length(); x++) {
            if (builtIns.startMask(text, x) != CombinedPattern.NONE) {
                probed.add(x);
            }
        }
        // the start of the text and of each word (an e-mail address or a key may start there); never inside a word
        assertEquals(List.of(0, 6), probed);
        assertEquals(CombinedPattern.NONE, builtIns.startMask(text, 2));
        // at a word start, only the detectors that can start with a lower-case letter are tried
        int wordStart = builtIns.startMask(text, 6);
        assertTrue(Integer.bitCount(wordStart) < BuiltInDetectors.names().size(), Integer.toBinaryString(wordStart));
    }

    @Test
    void aPositiveLookBehindTurnsTheFilterOffAndStillMasksAcrossChunks() {
        CombinedPattern afterKey = custom("(?<=key=)[a-z]{6,}");
        String text = "mykey=abcdefgh";
        for (int x = 0; x < text.length(); x++) {
            assertEquals(CombinedPattern.ALL, afterKey.startMask(text, x));
        }
        MaskingProfile profile = TestProfiles.single(new CustomDetector("after_key", Pattern.compile("(?<=key=)[a-z]{6,}")),
                MaskingAction.MASK);
        StreamingRedactor redactor = profile.newRedactor();
        List<StreamPart> out = new ArrayList<>();
        for (String chunk : List.of("my", "key=ab", "cdefgh", " done")) {
            out.addAll(redactor.accept(Delta.Text.content(chunk)));
        }
        out.addAll(redactor.flush());
        StringBuilder streamed = new StringBuilder();
        for (StreamPart part : out) {
            if (part instanceof Delta.Text t) {
                streamed.append(t.text());
            }
        }
        assertEquals("mykey=[REDACTED] done", streamed.toString());
        assertTrue(out.stream().anyMatch(p -> p instanceof Redaction r && r.detector().equals("after_key")));
    }
}
