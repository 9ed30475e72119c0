package dev.sluice.stream.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.model.Delta;
import dev.sluice.provider.ProviderException;
import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The UTF-8 stage as a stream operator: what it emits for split characters, and that it keeps
 * to the downstream's demand whether a delta makes no output, one, or several.
 */
class Utf8StageTest {

    private static final byte[] E_ACUTE = "é".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WAVE = "🌊".getBytes(StandardCharsets.UTF_8);

    private final List<Long> upstreamRequests = new ArrayList<>();

    @Test
    void aCharacterSplitOverTokensComesOutWholeOnceComplete() {
        AssertSubscriber<Delta> out = Utf8Stage.apply(upstream(
                bytes(WAVE, 0, 1), bytes(WAVE, 1, 3), bytes(WAVE, 3, 4), bytes(E_ACUTE, 0, 1), bytes(E_ACUTE, 1, 2),
                Delta.Text.content(" ok"))).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        out.assertCompleted().assertItems(Delta.Text.content("🌊"), Delta.Text.content("é"), Delta.Text.content(" ok"));
    }

    @Test
    void tokensThatCompleteNothingAreReplacedSoOneRequestStillGetsACharacter() {
        AssertSubscriber<Delta> out = Utf8Stage.apply(upstream(bytes(WAVE, 0, 1), bytes(WAVE, 1, 2), bytes(WAVE, 2, 4),
                Delta.Text.content("x"))).subscribe().withSubscriber(AssertSubscriber.create(1));

        out.assertItems(Delta.Text.content("🌊")).assertNotTerminated();
        // three upstream tokens for the one character, and nothing asked beyond it
        assertEquals(3, upstreamRequests.stream().mapToLong(Long::longValue).sum());
        out.request(1);
        out.assertItems(Delta.Text.content("🌊"), Delta.Text.content("x"));
    }

    @Test
    void aNonTextDeltaAfterAnUnfinishedCharacterComesAfterItsReplacementOneRequestAtATime() {
        AssertSubscriber<Delta> out = Utf8Stage.apply(upstream(bytes(WAVE, 0, 2), new Delta.Usage(3, 1),
                Delta.Text.content("after"))).subscribe().withSubscriber(AssertSubscriber.create(1));

        out.assertItems(Delta.Text.content("\uFFFD"));
        out.request(1);
        out.assertItems(Delta.Text.content("\uFFFD"), new Delta.Usage(3, 1)).assertNotTerminated();
        out.request(1);
        out.assertItems(Delta.Text.content("\uFFFD"), new Delta.Usage(3, 1), Delta.Text.content("after"))
                .assertCompleted();
        // two outputs from one upstream delta did not make the upstream run ahead of the demand
        assertEquals(3, upstreamRequests.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void completionFlushesTheUnfinishedCharacterEvenWithoutDemandForTheEnd() {
        AssertSubscriber<Delta> out = Utf8Stage.apply(upstream(Delta.Text.content("a"), bytes(E_ACUTE, 0, 1)))
                .subscribe().withSubscriber(AssertSubscriber.create(2));

        out.assertCompleted().assertItems(Delta.Text.content("a"), Delta.Text.content("\uFFFD"));
    }

    @Test
    void aFailureComesAfterWhatWasCompleteAndChannelsKeepTheirOwnBytes() {
        ProviderException drop = new ProviderException(ErrorCode.UPSTREAM_ERROR, "dropped");
        Multi<Delta> failing = Multi.createBy().concatenating().streams(
                Multi.createFrom().items(new Delta.Bytes(Channel.REASONING, Arrays.copyOfRange(E_ACUTE, 0, 1), 0),
                        Delta.Text.content("c"), new Delta.Bytes(Channel.REASONING, Arrays.copyOfRange(E_ACUTE, 1, 2), 0)),
                Multi.createFrom().failure(drop));

        AssertSubscriber<Delta> out = Utf8Stage.apply(failing).subscribe().withSubscriber(AssertSubscriber.create(10));

        out.assertFailedWith(ProviderException.class, "dropped")
                .assertItems(Delta.Text.content("c"), new Delta.Text(Channel.REASONING, "é", 0));
    }

    @Test
    void cancellingStopsTheUpstream() {
        List<Boolean> cancelled = new ArrayList<>();
        AssertSubscriber<Delta> out = Utf8Stage.apply(Multi.createFrom().ticks().every(Duration.ofMillis(5))
                        .onItem().transform(i -> (Delta) Delta.Text.content("t" + i))
                        .onCancellation().invoke(() -> cancelled.add(true)))
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        out.awaitItems(1);
        out.cancel();
        assertEquals(List.of(true), cancelled);
    }

    @Test
    void demandFromOneThreadAndTokensFromAnotherLoseNothing() throws Exception {
        String text = "héllo 🌊 日本語 wörld ".repeat(40);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<Delta> tokens = new ArrayList<>();
        for (int i = 0; i < utf8.length; i += 1 + i % 3) {
            tokens.add(bytes(utf8, i, Math.min(utf8.length, i + 1 + i % 3)));
        }
        ExecutorService producer = Executors.newSingleThreadExecutor();
        try {
            for (int round = 0; round < 20; round++) {
                AssertSubscriber<Delta> out = Utf8Stage.apply(Multi.createFrom().iterable(tokens)
                                .runSubscriptionOn(producer).emitOn(producer))
                        .subscribe().withSubscriber(AssertSubscriber.create(0));
                // the consumer asks one at a time from this thread while the producer emits on its own
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!out.isCancelled() && out.getFailure() == null && !completed(out)) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("stalled after " + out.getItems().size() + " outputs, round " + round);
                    }
                    out.request(1);
                    Thread.onSpinWait();
                }
                out.awaitCompletion();
                StringBuilder joined = new StringBuilder();
                out.getItems().forEach(d -> joined.append(((Delta.Text) d).text()));
                assertEquals(text, joined.toString(), "round " + round);
            }
        } finally {
            producer.shutdownNow();
        }
    }

    private static boolean completed(AssertSubscriber<Delta> out) {
        try {
            out.assertCompleted();
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    private Multi<Delta> upstream(Delta... deltas) {
        return Multi.createFrom().items(deltas).onRequest().invoke(upstreamRequests::add);
    }

    private static Delta bytes(byte[] source, int from, int to) {
        return Delta.Bytes.content(Arrays.copyOfRange(source, from, to));
    }
}
