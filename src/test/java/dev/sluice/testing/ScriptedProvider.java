package dev.sluice.testing;

import dev.sluice.provider.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProviderException;
import dev.sluice.stream.ErrorCode;
import dev.sluice.stream.FinishReason;
import io.smallrye.mutiny.Multi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test provider that plays exactly what the request's options say: {@code script} (the text),
 * {@code chunk} (bytes per delta, default 1: every byte its own token, so every UTF-8 boundary
 * is exercised), {@code repeat} (the script that many times), {@code gap_ms} between deltas,
 * {@code fail_after} deltas (then an upstream error), {@code transcript} (true: the script is
 * every message it received, {@code role: content} one a line). The last request of each
 * session is kept in {@link #LAST_BY_SESSION}, to assert what went upstream.
 */
public class ScriptedProvider implements ModelProvider {

    public static final AtomicInteger CANCELLED = new AtomicInteger();
    public static final Map<String, GenerationRequest> LAST_BY_SESSION = new ConcurrentHashMap<>();

    private final String name;

    public ScriptedProvider(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Multi<Delta> stream(GenerationRequest request) {
        if (request.session() != null) {
            LAST_BY_SESSION.put(request.session(), request);
        }
        String script = Boolean.TRUE.equals(request.options().get("transcript"))
                ? request.messages().stream().map(m -> m.role() + ": " + m.content()).collect(Collectors.joining("\n"))
                : String.valueOf(request.options().getOrDefault("script", request.lastUserMessage()));
        int chunk = ((Number) request.options().getOrDefault("chunk", 1L)).intValue();
        long gap = ((Number) request.options().getOrDefault("gap_ms", 0L)).longValue();
        int failAfter = ((Number) request.options().getOrDefault("fail_after", -1L)).intValue();
        int repeat = ((Number) request.options().getOrDefault("repeat", 1L)).intValue();
        byte[] bytes = script.repeat(repeat).getBytes(StandardCharsets.UTF_8);
        List<Delta> deltas = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            byte[] piece = new byte[Math.min(chunk, bytes.length - i)];
            System.arraycopy(bytes, i, piece, 0, piece.length);
            deltas.add(Delta.Bytes.content(piece));
        }
        int tokens = deltas.size();
        if (failAfter >= 0) {
            List<Delta> head = new ArrayList<>(deltas.subList(0, Math.min(failAfter, deltas.size())));
            return paced(Multi.createFrom().iterable(head), gap)
                    .onCompletion().failWith(() -> new ProviderException(ErrorCode.UPSTREAM_ERROR, "scripted failure"))
                    .onCancellation().invoke(CANCELLED::incrementAndGet);
        }
        deltas.add(new Delta.Usage(3, tokens));
        deltas.add(new Delta.Finish(FinishReason.STOP));
        return paced(Multi.createFrom().iterable(deltas), gap).onCancellation().invoke(CANCELLED::incrementAndGet);
    }

    private static Multi<Delta> paced(Multi<Delta> deltas, long gapMillis) {
        if (gapMillis <= 0) {
            return deltas;
        }
        return deltas.onItem().call(d -> io.smallrye.mutiny.Uni.createFrom().voidItem()
                .onItem().delayIt().by(Duration.ofMillis(gapMillis)));
    }
}
