package dev.sluice.policy.masking;

import dev.sluice.model.Redaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sluice.model.Delta;
import dev.sluice.model.StreamPart;
import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hold-back, block, channels and the Mutiny stage of the streaming redactor. */
class StreamingRedactorTest {

    private final MaskingProfile all = TestProfiles.all(MaskingAction.MASK, 64);

    private static Delta.Text text(String s) {
        return Delta.Text.content(s);
    }

    @Test
    void textThatCannotStartAMatchIsReleasedAtOnce() {
        StreamingRedactor redactor = all.newRedactor();
        for (String chunk : List.of("Hello there, ", "how are you today? ", "Fine: thanks!\n", "Les élèves, ça va. ")) {
            assertEquals(List.of(text(chunk)), redactor.accept(text(chunk)));
            assertEquals(0, redactor.held());
        }
        assertEquals(List.of(), redactor.flush());
    }

    @Test
    void onlyTheTrailingCandidateIsHeld() {
        StreamingRedactor redactor = all.newRedactor();
        assertEquals(List.of(text("Write to ")), redactor.accept(text("Write to john")));
        assertEquals(4, redactor.held());
        assertEquals(List.of(), redactor.accept(text(".doe@exam")));
        assertEquals(List.of(new Redaction("email", "mask", "[EMAIL]"), text("[EMAIL] today, ")),
                redactor.accept(text("ple.com today, ")));
        assertEquals(0, redactor.held());
    }

    @Test
    void digitsAreHeldOnlyWhileTheyCouldBecomeANumberWorthMasking() {
        StreamingRedactor redactor = all.newRedactor();
        assertEquals(List.of(text("It was ")), redactor.accept(text("It was 2024")));
        assertEquals(4, redactor.held());
        assertEquals(List.of(text("2024, a year! ")), redactor.accept(text(", a year! ")));
        assertEquals(0, redactor.held());
    }

    @Test
    void aPartialMatchIsHeldNoMoreThanTheWindow() {
        MaskingProfile profile = TestProfiles.all(MaskingAction.MASK, 16);
        StreamingRedactor redactor = profile.newRedactor();
        StringBuilder out = new StringBuilder();
        int maxHeld = 0;
        // A long word could still become the local part of an e-mail address, until the window gives up.
        for (char c : "a".repeat(40).toCharArray()) {
            redactor.accept(text(String.valueOf(c))).forEach(d -> out.append(((Delta.Text) d).text()));
            assertEquals(true, redactor.held() <= 16, "held " + redactor.held());
            maxHeld = Math.max(maxHeld, redactor.held());
        }
        assertEquals(16, maxHeld);
        assertEquals("a".repeat(40), out.toString());
        assertEquals(0, redactor.held());
    }

    @Test
    void aTokenLongerThanTheWindowIsMaskedWholeIncludingItsTail() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        MaskingProfile profile = TestProfiles.all(MaskingAction.MASK, 24);
        StreamingRedactor redactor = profile.newRedactor();
        StringBuilder out = new StringBuilder();
        for (String chunk : List.of("token ", jwt.substring(0, 30), jwt.substring(30, 60), jwt.substring(60), " end.")) {
            for (StreamPart d : redactor.accept(text(chunk))) {
                if (d instanceof Delta.Text t) {
                    out.append(t.text());
                }
            }
            assertEquals(true, redactor.held() <= 24);
        }
        redactor.flush().forEach(d -> out.append(((Delta.Text) d).text()));
        assertEquals("token [JWT] end.", out.toString());
    }

    @Test
    void blockEndsWithTheRedactionAfterMaskedTextAndThenNothing() {
        MaskingProfile profile = new MaskingProfile("p", List.of(
                new DetectorRule(new EmailDetector(), MaskingAction.MASK),
                new DetectorRule(new ApiKeyDetector(), MaskingAction.BLOCK)), true, 64, TestProfiles.KEY, RedactionListener.NONE);
        StreamingRedactor redactor = profile.newRedactor();
        assertEquals(List.of(new Redaction("email", "mask", "[EMAIL]"), text("[EMAIL] uses ")),
                redactor.accept(text("j@example.com uses AKIAIOSFODNN7EX")));
        assertNull(redactor.blocked());
        assertEquals(List.of(new Redaction("api_key", "block", "[API_KEY]")), redactor.accept(text("AMPLE as key")));
        assertEquals(ErrorCode.POLICY_VIOLATION, redactor.blocked().code());
        assertEquals(List.of(), redactor.accept(text("more")));
        assertEquals(List.of(), redactor.flush());
    }

    @Test
    void applyEndsABlockedStreamWithPolicyViolationAndCancelsUpstream() {
        MaskingProfile profile = TestProfiles.single(new CardDetector(), MaskingAction.BLOCK);
        StreamingRedactor redactor = profile.newRedactor();
        boolean[] cancelled = {false};
        Multi<Delta> upstream = Multi.createFrom().<Delta>items(text("pay with 4242 4242 "), text("4242 4242 now"), text("never"))
                .onCancellation().invoke(() -> cancelled[0] = true);

        AssertSubscriber<StreamPart> sub = redactor.apply(upstream).subscribe().withSubscriber(AssertSubscriber.create(10));

        sub.assertFailedWith(PolicyViolationException.class);
        assertEquals(List.of(text("pay with "), new Redaction("card", "block", "[CARD]")), sub.getItems());
        assertEquals(ErrorCode.POLICY_VIOLATION, ((PolicyViolationException) sub.getFailure()).code());
        assertEquals(true, cancelled[0]);
    }

    @Test
    void applyFlushesHeldTextBeforeOtherDeltasAndAtCompletion() {
        StreamingRedactor redactor = all.newRedactor();
        Multi<Delta> upstream = Multi.createFrom().items(text("mail john"), new Delta.Citation("doc-1"),
                text("call 415-555-"), text("2671"), new Delta.Usage(3, 4), text("bye"));

        AssertSubscriber<StreamPart> sub = redactor.apply(upstream).subscribe().withSubscriber(AssertSubscriber.create(100));

        sub.assertCompleted();
        assertEquals(List.of(text("mail "), text("john"), new Delta.Citation("doc-1"), text("call "),
                new Redaction("phone", "mask", "[PHONE]"), text("[PHONE]"), new Delta.Usage(3, 4), text("bye")),
                sub.getItems());
    }

    @Test
    void applyFlushesHeldTextBeforeAnUpstreamFailure() {
        StreamingRedactor redactor = all.newRedactor();
        RuntimeException boom = new IllegalStateException("upstream gone");
        Multi<Delta> upstream = Multi.createBy().concatenating().streams(
                Multi.createFrom().items(text("reach me at j@example.com")), Multi.createFrom().failure(boom));

        AssertSubscriber<StreamPart> sub = redactor.apply(upstream).subscribe().withSubscriber(AssertSubscriber.create(100));

        assertSame(boom, sub.getFailure());
        assertEquals(List.of(text("reach me at "), new Redaction("email", "mask", "[EMAIL]"), text("[EMAIL]")),
                sub.getItems());
    }

    @Test
    void keepsChannelAndIndexAndFinishesOneChannelBeforeTheNext() {
        StreamingRedactor redactor = all.newRedactor();
        assertEquals(List.of(new Delta.Text(Channel.REASONING, "think ", 1)),
                redactor.accept(new Delta.Text(Channel.REASONING, "think 415-555", 1)));
        assertEquals(List.of(new Delta.Text(Channel.REASONING, "415-555", 1), new Delta.Text(Channel.CONTENT, "answer", 0)),
                concat(redactor.accept(new Delta.Text(Channel.CONTENT, "answer", 0)), redactor.flush()));
    }

    @Test
    void aProfileWithoutRulesPassesTextThroughUntouched() {
        MaskingProfile off = new MaskingProfile("off", List.of(), false, 64, TestProfiles.KEY, RedactionListener.NONE);
        StreamingRedactor redactor = off.newRedactor();
        Delta.Text t = text("j@example.com");
        assertSame(t, redactor.accept(t).get(0));
        assertEquals(0, redactor.held());
        Multi<Delta> upstream = Multi.createFrom().items(t, new Delta.Finish(FinishReason.STOP));
        assertEquals(List.of(t, new Delta.Finish(FinishReason.STOP)),
                off.newRedactor().apply(upstream).collect().asList().await().indefinitely());
    }

    @Test
    void neverEndsADeltaInsideASurrogatePair() {
        StreamingRedactor redactor = all.newRedactor();
        String rocket = "🚀";
        assertEquals(List.of(text("go ")), redactor.accept(text("go " + rocket.charAt(0))));
        assertEquals(List.of(text(rocket + " ")), redactor.accept(text(rocket.charAt(1) + " ")));
    }

    @Test
    void countsRedactionsAndHoldBackThroughTheListener() {
        int[] seen = new int[2];
        RedactionListener listener = new RedactionListener() {
            @Override
            public void redacted(String detector, MaskingAction action) {
                seen[0]++;
            }

            @Override
            public void heldBack(int chars) {
                seen[1] = Math.max(seen[1], chars);
            }
        };
        StreamingRedactor redactor = TestProfiles.all(MaskingAction.MASK, 64, listener).newRedactor();
        redactor.accept(text("a@example.com and b@exa"));
        assertEquals(1, seen[0]);
        assertEquals(0, seen[1]); // reported when the hold-back ends, not per chunk
        redactor.accept(text("mple.com"));
        assertEquals(0, seen[1]); // "b@example.com" is still held: it could go on
        redactor.flush();
        assertEquals(2, seen[0]);
        assertEquals(13, seen[1]); // the most held at once: all of "b@example.com"
    }

    private static List<StreamPart> concat(List<StreamPart> a, List<StreamPart> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
