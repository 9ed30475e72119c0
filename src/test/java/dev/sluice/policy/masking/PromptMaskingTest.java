package dev.sluice.policy.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.provider.ChatMessage;
import dev.sluice.model.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptMaskingTest {

    private final MaskingProfile all = TestProfiles.all(MaskingAction.MASK, 64);

    @Test
    void maskPromptReturnsTheMaskedText() {
        assertEquals("Email [EMAIL] about card [CARD] from [IP]",
                all.maskPrompt("Email jane@example.com about card 4242 4242 4242 4242 from 10.1.2.3"));
    }

    @Test
    void maskMessagesMasksEveryMessageWhenTheProfileSaysSo() {
        List<ChatMessage> masked = all.maskMessages(List.of(ChatMessage.system("You help ACME."),
                ChatMessage.user("My key is sk-abcdefghijklmnopqrstuvwx, call +1 (415) 555-2671")));
        assertEquals(List.of(ChatMessage.system("You help [REDACTED]."),
                ChatMessage.user("My key is [API_KEY], call [PHONE]")), masked);
    }

    @Test
    void maskMessagesLeavesMessagesAloneWhenPromptsAreNotMasked() {
        MaskingProfile profile = new MaskingProfile("out-only", List.of(new DetectorRule(new EmailDetector(), MaskingAction.MASK)),
                false, 64, TestProfiles.KEY, RedactionListener.NONE);
        List<ChatMessage> messages = List.of(ChatMessage.user("jane@example.com"));
        assertSame(messages, profile.maskMessages(messages));
    }

    @Test
    void aBlockedValueInAPromptIsAPolicyViolationNamingOnlyTheDetector() {
        MaskingProfile profile = TestProfiles.single(new ApiKeyDetector(), MaskingAction.BLOCK);
        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> profile.maskPrompt("use AKIAIOSFODNN7EXAMPLE please"));
        assertEquals(ErrorCode.POLICY_VIOLATION, e.code());
        assertEquals("api_key", e.detector());
        assertEquals("Blocked by masking policy: the prompt contained a value the 'api_key' detector blocks", e.getMessage());
    }
}
