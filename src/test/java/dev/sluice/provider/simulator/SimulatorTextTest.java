package dev.sluice.provider.simulator;

import static dev.sluice.provider.simulator.SimulatorFixture.CORPUS;
import static dev.sluice.provider.simulator.SimulatorFixture.ENCODING;
import static dev.sluice.provider.simulator.SimulatorFixture.decode;
import static dev.sluice.provider.simulator.SimulatorFixture.expectedTokenBytes;
import static dev.sluice.provider.simulator.SimulatorFixture.instant;
import static dev.sluice.provider.simulator.SimulatorFixture.provider;
import static dev.sluice.provider.simulator.SimulatorFixture.request;
import static dev.sluice.provider.simulator.SimulatorFixture.sameBytes;
import static dev.sluice.provider.simulator.SimulatorFixture.stats;
import static dev.sluice.provider.simulator.SimulatorFixture.text;
import static dev.sluice.provider.simulator.SimulatorFixture.tokenBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.model.FinishReason;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the simulator streams: tokens, usage and finish, in text and echo mode. */
class SimulatorTextTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static List<Delta> run(SimulatorSettings settings, GenerationRequest request) {
        Multi<Delta> stream = provider(settings, vertx, stats()).stream(request);
        return stream.subscribe().withSubscriber(AssertSubscriber.<Delta>create(Long.MAX_VALUE))
                .awaitCompletion().getItems();
    }

    @Test
    void textModeStreamsTheCorpusFromAParagraphAsJtokkitTokensOfThatText() {
        List<Delta> items = run(instant(CORPUS.size()), text(Map.of("seed", 7)));

        String streamed = decode(items);
        assertTrue(isRotationAtParagraph(streamed), "not the corpus read from a paragraph start: " + streamed);
        assertTrue(sameBytes(expectedTokenBytes(streamed), tokenBytes(items)), "tokens differ from jtokkit's");
        assertEquals(CORPUS.size(), tokenBytes(items).size());
    }

    @Test
    void textModeWrapsAroundTheCorpus() {
        int tokens = CORPUS.size() * 2 + 5;
        List<Delta> items = run(instant(tokens), text(Map.of("seed", 3)));

        String once = decode(run(instant(CORPUS.size()), text(Map.of("seed", 3))));
        String streamed = decode(items);
        assertEquals(tokens, tokenBytes(items).size());
        assertTrue(streamed.startsWith(once + once), "second lap differs from the first");
        assertTrue(once.startsWith(streamed.substring(2 * once.length())), "third lap does not restart the text");
    }

    @Test
    void usageAndFinishFollowTheTokens() {
        GenerationRequest request = request("text", Map.of("tokens", 12), null,
                ChatMessage.system("You are terse."), ChatMessage.user("Hi 👋, ça va ?"));
        List<Delta> items = run(instant(200), request);

        int prompt = 3 + (3 + ENCODING.countTokensOrdinary("You are terse."))
                + (3 + ENCODING.countTokensOrdinary("Hi 👋, ça va ?"));
        assertEquals(14, items.size());
        assertEquals(new Delta.Usage(prompt, 12), items.get(12));
        assertEquals(new Delta.Finish(FinishReason.STOP), items.get(13));
    }

    @Test
    void theConfiguredTokenCountIsTheDefault() {
        List<Delta> items = run(instant(37), text(Map.of()));
        assertEquals(37, tokenBytes(items).size());
    }

    @Test
    void echoModeStreamsTheLastUserMessageExactly() {
        String message = "Grüße aus Lisboa — 你好，世界！ 👩‍💻 🇵🇹 <|endoftext|> done.";
        GenerationRequest request = request("echo", Map.of(), null, ChatMessage.user("first question"),
                new ChatMessage("assistant", "first answer"), ChatMessage.user(message));
        List<Delta> items = run(instant(5), request);

        assertEquals(message, decode(items));
        assertTrue(sameBytes(expectedTokenBytes(message), tokenBytes(items)));
        assertEquals(new Delta.Finish(FinishReason.STOP), items.get(items.size() - 1));
        Delta.Usage usage = (Delta.Usage) items.get(items.size() - 2);
        assertEquals(expectedTokenBytes(message).size(), usage.completionTokens());
        // Echo counts the prompt with the tokens it echoes; every other message is counted itself.
        int prompt = 3 + (3 + ENCODING.countTokensOrdinary("first question"))
                + (3 + ENCODING.countTokensOrdinary("first answer")) + (3 + ENCODING.countTokensOrdinary(message));
        assertEquals(prompt, usage.promptTokens());
    }

    @Test
    void theModeOptionOverridesTheModelName() {
        List<Delta> echoed = run(instant(5), request("text", Map.of("mode", "echo"), null, ChatMessage.user("pong")));
        assertEquals("pong", decode(echoed));

        List<Delta> text = run(instant(5), request("echo", Map.of("mode", "text"), null, ChatMessage.user("pong")));
        assertEquals(5, tokenBytes(text).size());
    }

    @Test
    void echoOfAnEmptyConversationIsJustUsageAndStop() {
        List<Delta> items = run(instant(5), request("echo", Map.of(), null, ChatMessage.system("only a system turn")));
        assertEquals(2, items.size());
        assertEquals(0, ((Delta.Usage) items.get(0)).completionTokens());
        assertEquals(new Delta.Finish(FinishReason.STOP), items.get(1));
    }

    @Test
    void maxTokensCapsTheStreamWithFinishLength() {
        List<Delta> items = run(instant(50), request("text", Map.of(), 10, ChatMessage.user("go")));
        assertEquals(10, tokenBytes(items).size());
        assertEquals(10, ((Delta.Usage) items.get(10)).completionTokens());
        assertEquals(new Delta.Finish(FinishReason.LENGTH), items.get(11));
    }

    @Test
    void maxTokensEqualToTheEchoLengthStillStops() {
        int exact = expectedTokenBytes("just enough").size();
        List<Delta> items = run(instant(50), request("echo", Map.of(), exact, ChatMessage.user("just enough")));
        assertEquals("just enough", decode(items));
        assertEquals(new Delta.Finish(FinishReason.STOP), items.get(items.size() - 1));
    }

    @Test
    void negativeMaxTokensIsRejectedAtOnce() {
        SimulatorProvider provider = provider(instant(5), vertx, stats());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.stream(request("text", Map.of(), -1, ChatMessage.user("go"))));
        assertTrue(e.getMessage().contains("max_tokens"), e.getMessage());
    }

    @Test
    void badOptionsAreRejectedAtOnceNamingTheKey() {
        SimulatorProvider provider = provider(instant(5), vertx, stats());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.stream(text(Map.of("gap_ms", -20))));
        assertTrue(e.getMessage().contains("'gap_ms'"), e.getMessage());
    }

    @Test
    void someTokensSplitACharacterAndArriveAsInvalidUtf8OnTheirOwn() {
        List<byte[]> tokens = tokenBytes(run(instant(CORPUS.size()), text(Map.of("seed", 11))));
        long invalidAlone = tokens.stream().filter(bytes -> !validUtf8(bytes)).count();
        assertTrue(invalidAlone > 0, "no token split a multi-byte character");
    }

    @Test
    void aSeedReproducesTheTextAndDifferentSeedsStartElsewhere() {
        List<byte[]> first = tokenBytes(run(instant(40), text(Map.of("seed", 42))));
        List<byte[]> second = tokenBytes(run(instant(40), text(Map.of("seed", 42))));
        assertTrue(sameBytes(first, second));

        Set<String> starts = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            starts.add(decode(run(instant(3), text(Map.of("seed", seed)))));
        }
        assertTrue(starts.size() >= 3, "20 seeds gave only " + starts);
    }

    @Test
    void aConfiguredSeedAppliesToEveryStream() {
        SimulatorSettings seeded = new SimulatorSettings(java.time.Duration.ZERO, java.time.Duration.ZERO,
                java.time.Duration.ZERO, 30, 99L, 0.0, List.of());
        assertEquals(decode(run(seeded, text(Map.of()))), decode(run(seeded, text(Map.of()))));
        assertEquals(decode(run(seeded, text(Map.of()))), decode(run(instant(30), text(Map.of("seed", 99)))));
    }

    private static boolean isRotationAtParagraph(String streamed) {
        String corpus = CORPUS.text();
        for (int at = 0; at >= 0; at = corpus.indexOf("\n\n", at + 1)) {
            int start = at == 0 ? 0 : at + 2;
            if (start < corpus.length() && streamed.equals(corpus.substring(start) + corpus.substring(0, start))) {
                return true;
            }
        }
        return false;
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
