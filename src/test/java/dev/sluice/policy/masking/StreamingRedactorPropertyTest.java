package dev.sluice.policy.masking;

import dev.sluice.model.Redaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.model.Delta;
import dev.sluice.model.StreamPart;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random text with planted values of every detector, cut into random chunks (single
 * characters up to whole words, splits inside planted values and inside surrogate pairs):
 * the streamed output equals {@link MaskingProfile#redactAll} of the whole text, and no
 * planted value ever leaves the redactor.
 */
class StreamingRedactorPropertyTest {

    static final List<String> PLANTED = List.of(
            "john.doe@example.com", "a.b+tag@mail.example.co.uk",
            "+44 20 7946 0958", "+1 (415) 555-2671", "415-555-2671",
            "4242 4242 4242 4242", "5555-5555-5555-4444", "378282246310005",
            "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432",
            "192.168.1.10", "2001:db8::8a2e:370:7334",
            "sk-proj-Abc123def456GHI789jkl012MNO", "AKIAIOSFODNN7EXAMPLE",
            "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "xoxb-123456789012-AbCdEfGhIjKl",
            "Bearer abcDEF123456ghiJKL789",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "EMP-123456", "Project Falcon", "ACME");

    private static final List<String> WORDS = List.of(
            "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "The", "Hello", "world",
            "email", "call", "card", "key", "token", "at", "is", "a", "naïve", "façade", "日本語", "Ωμέγα",
            "🙂", "🚀x", "(see", "below)", "\"quoted\"", "it's", "e.g.", "1.5", "v2", "2024", "7", "42",
            "3.14", "10:30", "+", "-", "--", "@", "#tag", "x_y", "a-b", "::", "::", "sk", "eyJ", "AKIA", "Bearer");

    private static final List<String> SEPARATORS = List.of(" ", " ", " ", ", ", ". ", "\n", "; ", ": ", " (", ") ");

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(WORDS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(PLANTED)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 99999).map(String::valueOf)));
        Arbitrary<String> piece = Combinators.combine(token, Arbitraries.of(SEPARATORS)).as((t, s) -> " " + t + s);
        return piece.list().ofMinSize(1).ofMaxSize(40).map(p -> String.join("", p));
    }

    @Provide
    Arbitrary<MaskingAction> actions() {
        return Arbitraries.of(MaskingAction.MASK, MaskingAction.PARTIAL, MaskingAction.HASH, MaskingAction.DROP);
    }

    @Property(tries = 400)
    void streamedOutputEqualsWholeTextRedaction(@ForAll("documents") String text, @ForAll("actions") MaskingAction action,
                                                @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 12) Integer> cuts) {
        MaskingProfile profile = TestProfiles.all(action, 10_000);
        Streamed streamed = stream(profile, text, cuts);
        Redacted whole = profile.redactAll(text);

        assertEquals(whole.text(), streamed.text.toString());
        assertEquals(whole.redactions(), streamed.redactions);
        assertNoPlantedValue(text, streamed);
    }

    @Property(tries = 300)
    void withTheDefaultWindowNothingLeaksAndHoldBackStaysBounded(
            @ForAll("documents") String text,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 12) Integer> cuts) {
        MaskingProfile profile = TestProfiles.all(MaskingAction.MASK, 64);
        Streamed streamed = stream(profile, text, cuts);

        assertTrue(streamed.maxHeld <= 64, "held " + streamed.maxHeld);
        assertEquals(profile.redactAll(text).text(), streamed.text.toString());
        assertNoPlantedValue(text, streamed);
    }

    private static void assertNoPlantedValue(String text, Streamed streamed) {
        for (String planted : PLANTED) {
            if (text.contains(planted)) {
                assertFalse(streamed.text.toString().contains(planted), planted + " leaked");
                for (StreamPart d : streamed.deltas) {
                    assertFalse(d.toString().contains(planted), planted + " leaked in " + d);
                }
            }
        }
    }

    static Streamed stream(MaskingProfile profile, String text, List<Integer> cuts) {
        StreamingRedactor redactor = profile.newRedactor();
        Streamed streamed = new Streamed();
        int at = 0;
        for (int i = 0; at < text.length(); i++) {
            int end = Math.min(text.length(), at + cuts.get(i % cuts.size()));
            streamed.add(redactor.accept(Delta.Text.content(text.substring(at, end))));
            streamed.maxHeld = Math.max(streamed.maxHeld, redactor.held());
            at = end;
        }
        streamed.add(redactor.flush());
        assertEquals(0, redactor.held());
        return streamed;
    }

    static final class Streamed {
        final List<StreamPart> deltas = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        final List<Redaction> redactions = new ArrayList<>();
        int maxHeld;

        void add(List<StreamPart> out) {
            for (StreamPart d : out) {
                deltas.add(d);
                if (d instanceof Delta.Text t) {
                    assertFalse(t.text().isEmpty(), "empty text delta");
                    assertFalse(Character.isHighSurrogate(t.text().charAt(t.text().length() - 1)),
                            "a text delta ends inside a surrogate pair");
                    text.append(t.text());
                } else if (d instanceof Redaction r) {
                    redactions.add(r);
                }
            }
        }
    }
}
