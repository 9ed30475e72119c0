package dev.sluice.policy.masking;

import dev.sluice.model.Redaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.model.StreamPart;
import dev.sluice.provider.ToolCall;
import dev.sluice.model.Channel;
import dev.sluice.model.FinishReason;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Masking inside tool-call arguments: the exact JSON a client gets, which must still parse, for
 * every action, values inside and outside strings, escapes, and every split of the fragments.
 */
class ToolArgumentsMaskingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD = "4111 1111 1111 1111";

    private static MaskingProfile card(MaskingAction action) {
        return TestProfiles.single(new CardDetector(), action);
    }

    /** The call's deltas through a fresh redactor: the opening fragment, then {@code fragments}. */
    static List<StreamPart> run(MaskingProfile profile, List<String> fragments) {
        List<Delta> in = new ArrayList<>();
        in.add(new Delta.ToolCall(0, "call_1", "pay", ""));
        fragments.forEach(f -> in.add(new Delta.ToolCall(0, null, null, f)));
        in.add(new Delta.Finish(FinishReason.TOOL_CALLS));
        AssertSubscriber<StreamPart> subscriber = profile.newRedactor().apply(Multi.createFrom().iterable(in))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitCompletion();
        return subscriber.getItems();
    }

    static String arguments(List<StreamPart> out) {
        StringBuilder text = new StringBuilder();
        out.stream().filter(Delta.ToolCall.class::isInstance).forEach(d -> text.append(((Delta.ToolCall) d).arguments()));
        return text.toString();
    }

    /** The masked arguments, the same for every way of cutting {@code json} into two or three fragments. */
    private static String masked(MaskingProfile profile, String json) {
        String whole = arguments(run(profile, List.of(json)));
        for (int i = 0; i <= json.length(); i++) {
            for (int j = i; j <= json.length(); j += 3) {
                List<String> parts = List.of(json.substring(0, i), json.substring(i, j), json.substring(j));
                assertEquals(whole, arguments(run(profile, parts)), () -> "cut " + parts);
            }
        }
        return whole;
    }

    private static void parses(String json) {
        try {
            JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Test
    void aCardInAStringIsReplacedInsideTheString() {
        String out = masked(card(MaskingAction.MASK), "{\"card\": \"" + CARD + "\", \"amount\": 12}");
        assertEquals("{\"card\": \"[CARD]\", \"amount\": 12}", out);
    }

    @Test
    void everyActionLeavesValidJson() {
        String json = "{\"card\":\"" + CARD + "\"}";
        assertEquals("{\"card\":\"[CARD]\"}", masked(card(MaskingAction.MASK), json));
        assertEquals("{\"card\":\"**** **** **** 1111\"}", masked(card(MaskingAction.PARTIAL), json));
        assertTrue(Pattern.matches("\\{\"card\":\"\\[CARD:[0-9a-f]{8}]\"}", masked(card(MaskingAction.HASH), json)));
        assertEquals("{\"card\":\"\"}", masked(card(MaskingAction.DROP), json));
    }

    @Test
    void aCardWrittenAsAJsonNumberBecomesAQuotedString() {
        assertEquals("{\"card\": \"[CARD]\", \"cvc\": 123}",
                masked(card(MaskingAction.MASK), "{\"card\": 4111111111111111, \"cvc\": 123}"));
        assertEquals("[\"-[CARD]\"]", masked(card(MaskingAction.MASK), "[-4111111111111111]"));
        assertEquals("{\"card\":\"\"}", masked(card(MaskingAction.DROP), "{\"card\":4111111111111111}"),
                "drop outside a string leaves an empty string, not a missing value");
        assertEquals("{\"card\":\"**** **** **** 1111\" }",
                masked(card(MaskingAction.PARTIAL), "{\"card\":4111111111111111 }"));
        // not JSON, but what a model may write: the unquoted value is one value, and stays one
        assertEquals("[ \"[CARD]\"\n]", masked(card(MaskingAction.MASK), "[ " + CARD + "\n]"));
    }

    @Test
    void aNumberWithoutASecretIsLeftAsItIs() {
        assertEquals("{\"n\": 4111111111111112, \"x\": -1.5e3, \"ok\": true, \"none\": null}",
                masked(card(MaskingAction.MASK), "{\"n\": 4111111111111112, \"x\": -1.5e3, \"ok\": true, \"none\": null}"));
    }

    @Test
    void escapesAreDecodedBeforeMatchingSoTheyNeitherHideNorBreakAValue() {
        MaskingProfile email = TestProfiles.single(new EmailDetector(), MaskingAction.MASK);
        // "\n" is an escape, not the letter n of the address
        assertEquals("{\"to\":\"hi\\n[EMAIL]\"}", masked(email, "{\"to\":\"hi\\nbob@example.com\"}"));
        // a card spelled with escapes is still a card
        assertEquals("{\"card\":\"[CARD]\"}",
                masked(card(MaskingAction.MASK), "{\"card\":\"4111\\u00201111\\u00201111\\u00201111\"}"));
        // other escapes come out in their shortest form; the JSON means the same
        assertEquals("{\"s\":\"é/\\\"\\\\\\t\\u0001\"}",
                masked(card(MaskingAction.MASK), "{\"s\":\"\\u00e9\\/\\\"\\\\\\t\\u0001\"}"));
        String lone = masked(card(MaskingAction.MASK), "{\"s\":\"\\ud83d x\"}");
        assertEquals("{\"s\":\"\\ud83d x\"}", lone, "a lone surrogate stays an escape");
    }

    @Test
    void aReplacementWithQuotesOrBackslashesIsEscaped() {
        MaskingProfile custom = TestProfiles.single(new CustomDetector("quoted_id", Pattern.compile("K\"\\d{6}\\\\")),
                MaskingAction.PARTIAL);
        String out = masked(custom, "{\"id\":\"K\\\"123456\\\\ rest\"}");
        assertEquals("{\"id\":\"K\\\"***6\\\\ rest\"}", out);
        parses(out);
    }

    @Test
    void aMatchNeverSpansTwoStrings() {
        MaskingProfile employee = TestProfiles.single(new CustomDetector("employee_id", TestProfiles.EMPLOYEE_ID),
                MaskingAction.MASK);
        assertEquals("{\"a\":\"EMP-12\",\"b\":\"3456\"}", masked(employee, "{\"a\":\"EMP-12\",\"b\":\"3456\"}"));
        assertEquals("[\"[REDACTED]\",\"x\"]", masked(employee, "[\"EMP-123456\",\"x\"]"));
        assertEquals("{\"[REDACTED]\":1}", masked(employee, "{\"EMP-123456\":1}"), "keys are strings too");
    }

    @Test
    void argumentsThatAreNotJsonAreMaskedAsText() {
        assertEquals("pay [CARD] now", masked(card(MaskingAction.MASK), "pay " + CARD + " now"));
    }

    @Test
    void theOpeningFragmentKeepsItsIdAndNameAndARedactionPrecedesTheReplacement() {
        List<StreamPart> out = run(card(MaskingAction.MASK), List.of("{\"card\":\"4111 1111 ", "1111 1111\"}"));
        assertEquals(List.of(
                new Delta.ToolCall(0, "call_1", "pay", ""),
                new Delta.ToolCall(0, null, null, "{\"card\":\""),
                new Redaction("card", "mask", "[CARD]"),
                new Delta.ToolCall(0, null, null, "[CARD]\"}"),
                new Delta.Finish(FinishReason.TOOL_CALLS)), out);
    }

    @Test
    void aWholeCallInOneFragmentStaysOneFragmentWhenNothingIsHeld() {
        AssertSubscriber<StreamPart> subscriber = card(MaskingAction.MASK).newRedactor()
                .apply(Multi.createFrom().items(new Delta.ToolCall(0, "call_0", "get_weather", "{\"city\":\"Zürich\"}"),
                        new Delta.Finish(FinishReason.TOOL_CALLS)))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        assertEquals(List.of(new Delta.ToolCall(0, "call_0", "get_weather", "{\"city\":\"Zürich\"}"),
                new Delta.Finish(FinishReason.TOOL_CALLS)), subscriber.awaitCompletion().getItems());
    }

    @Test
    void parallelCallsAreMaskedApartAndTextAroundThemToo() {
        List<Delta> in = List.of(
                Delta.Text.content("Paying with " + CARD.substring(0, 10)),
                Delta.Text.content(CARD.substring(10) + "."),
                new Delta.ToolCall(0, "call_a", "pay", "{\"card\":\"" + CARD.substring(0, 7)),
                new Delta.ToolCall(1, "call_b", "pay", "{\"card\":41111111"),
                new Delta.ToolCall(0, null, null, CARD.substring(7) + "\"}"),
                new Delta.ToolCall(1, null, null, "11111111}"),
                new Delta.Finish(FinishReason.TOOL_CALLS));
        List<StreamPart> out = card(MaskingAction.MASK).newRedactor().apply(Multi.createFrom().iterable(in))
                .subscribe().withSubscriber(AssertSubscriber.<StreamPart>create(Long.MAX_VALUE)).awaitCompletion().getItems();
        StringBuilder text = new StringBuilder();
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        int redactions = 0;
        for (StreamPart d : out) {
            if (d instanceof Delta.Text t) {
                assertEquals(Channel.CONTENT, t.channel());
                text.append(t.text());
            } else if (d instanceof Delta.ToolCall c) {
                (c.index() == 0 ? first : second).append(c.arguments());
            } else if (d instanceof Redaction) {
                redactions++;
            }
        }
        assertEquals("Paying with [CARD].", text.toString());
        assertEquals("{\"card\":\"[CARD]\"}", first.toString());
        assertEquals("{\"card\":\"[CARD]\"}", second.toString());
        assertEquals(3, redactions);
        assertInstanceOf(Delta.Finish.class, out.get(out.size() - 1));
    }

    @Test
    void aBlockInArgumentsEndsTheStreamWithoutTheValue() {
        List<Delta> in = List.of(new Delta.ToolCall(0, "call_1", "pay", "{\"card\":\"4111 1111"),
                new Delta.ToolCall(0, null, null, " 1111 1111\"}"), new Delta.Finish(FinishReason.TOOL_CALLS));
        AssertSubscriber<StreamPart> subscriber = card(MaskingAction.BLOCK).newRedactor().apply(Multi.createFrom().iterable(in))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitFailure();
        assertInstanceOf(PolicyViolationException.class, subscriber.getFailure());
        List<StreamPart> out = subscriber.getItems();
        assertEquals(new Redaction("card", "block", "[CARD]"), out.get(out.size() - 1));
        assertTrue(arguments(out).indexOf("4111") < 0, arguments(out));
    }

    @Test
    void promptMaskingCoversToolCallArgumentsAndToolResultsAndKeepsThemJson() {
        MaskingProfile profile = card(MaskingAction.MASK);
        List<ChatMessage> masked = profile.maskMessages(List.of(
                ChatMessage.user("My card is " + CARD),
                ChatMessage.assistantCalls("Paying.", List.of(new ToolCall("call_1", "pay", "{\"card\":\"" + CARD + "\"}"))),
                ChatMessage.toolResult("call_1", "pay", "{\"charged\": 4111111111111111, \"ok\": true}"),
                ChatMessage.toolResult("call_2", null, "charged " + CARD)));
        assertEquals("My card is [CARD]", masked.get(0).content());
        assertEquals("Paying.", masked.get(1).content());
        assertEquals(List.of(new ToolCall("call_1", "pay", "{\"card\":\"[CARD]\"}")), masked.get(1).toolCalls());
        assertEquals(ChatMessage.toolResult("call_1", "pay", "{\"charged\": \"[CARD]\", \"ok\": true}"), masked.get(2));
        assertEquals(ChatMessage.toolResult("call_2", null, "charged [CARD]"), masked.get(3));
        assertEquals(4, profile.maskForUpstream(List.of(ChatMessage.user(CARD), ChatMessage.assistantCalls(null,
                        List.of(new ToolCall("c", "pay", "[4111111111111111, \"" + CARD + "\"]"))),
                        ChatMessage.toolResult("c", null, CARD))).interventions().size());
    }

    @Test
    void aBlockedValueInAPromptsToolCallRefusesThePrompt() {
        MaskingProfile profile = card(MaskingAction.BLOCK);
        PolicyViolationException e = org.junit.jupiter.api.Assertions.assertThrows(PolicyViolationException.class,
                () -> profile.maskMessages(List.of(ChatMessage.assistantCalls(null,
                        List.of(new ToolCall("c", "pay", "{\"card\":4111111111111111}"))))));
        assertEquals("Blocked by masking policy: the prompt contained a value the 'card' detector blocks", e.getMessage());
    }

    @Test
    void wholeArgumentsInAPromptAreMaskedTheSameWay() {
        MaskingProfile profile = card(MaskingAction.MASK);
        assertEquals("{\"card\": \"[CARD]\"}", profile.maskArguments("{\"card\": 4111111111111111}"));
        assertEquals("{}", profile.maskArguments("{}"));
    }
}
