package dev.sluice.provider.simulator;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Shared tokenizer, corpus and helpers for the simulator tests (loading o200k once is the slow part). */
final class SimulatorFixture {

    static final Encoding ENCODING = SimulatorProviderFactory.encoding("o200k_base");
    static final Corpus CORPUS = Corpus.load(ENCODING);

    private SimulatorFixture() {}

    /** No waiting at all: tokens flow as fast as demand allows. */
    static SimulatorSettings instant(int tokens) {
        return new SimulatorSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, tokens, null, 0.0,
                List.of(FailureKind.values()));
    }

    static SimulatorSettings paced(long ttftMs, long gapMs, long jitterMs, int tokens) {
        return new SimulatorSettings(Duration.ofMillis(ttftMs), Duration.ofMillis(gapMs), Duration.ofMillis(jitterMs),
                tokens, null, 0.0, List.of(FailureKind.values()));
    }

    static SimulatorProvider provider(SimulatorSettings settings, Vertx vertx, SimulatorStats stats) {
        return new SimulatorProvider("simulator", settings, ENCODING, CORPUS, vertx, stats, true);
    }

    static SimulatorProvider provider(SimulatorSettings settings, TokenTimers timers, SimulatorStats stats) {
        return new SimulatorProvider("simulator", settings, ENCODING, CORPUS, timers, stats, true);
    }

    static SimulatorStats stats() {
        return new SimulatorStats(new SimpleMeterRegistry());
    }

    static GenerationRequest request(String model, Map<String, Object> options, Integer maxTokens,
                                     ChatMessage... messages) {
        return new GenerationRequest(model, List.of(messages), maxTokens, null, false, null, options);
    }

    static GenerationRequest text(Map<String, Object> options) {
        return request("text", options, null, ChatMessage.user("Tell me about sluices."));
    }

    /** The raw bytes of every {@link Delta.Bytes} item, in order. */
    static List<byte[]> tokenBytes(List<Delta> items) {
        List<byte[]> out = new ArrayList<>();
        for (Delta d : items) {
            if (d instanceof Delta.Bytes b) {
                out.add(b.bytes());
            }
        }
        return out;
    }

    static String decode(List<Delta> items) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        tokenBytes(items).forEach(all::writeBytes);
        return all.toString(StandardCharsets.UTF_8);
    }

    /** What each token of jtokkit's own encoding of {@code text} is, as bytes. */
    static List<byte[]> expectedTokenBytes(String text) {
        List<byte[]> out = new ArrayList<>();
        int[] ids = ENCODING.encodeOrdinary(text).toArray();
        for (int id : ids) {
            IntArrayList one = new IntArrayList(1);
            one.add(id);
            out.add(ENCODING.decodeBytes(one));
        }
        return out;
    }

    static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
