package dev.sluice.provider.routing;

import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ModelProvider;
import io.smallrye.mutiny.Multi;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A provider whose successive subscriptions play queued streams (the last one repeats); records what it saw. */
final class FakeProvider implements ModelProvider {

    private final String name;
    private final Queue<Supplier<Multi<Delta>>> plays = new ConcurrentLinkedQueue<>();
    private volatile Supplier<Multi<Delta>> last;
    final List<String> models = new CopyOnWriteArrayList<>();
    final AtomicInteger cancellations = new AtomicInteger();

    FakeProvider(String name) {
        this.name = name;
    }

    @SafeVarargs
    final FakeProvider then(Supplier<Multi<Delta>>... next) {
        plays.addAll(List.of(next));
        return this;
    }

    int subscriptions() {
        return models.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Multi<Delta> stream(GenerationRequest request) {
        return Multi.createFrom().deferred(() -> {
            models.add(request.model());
            Supplier<Multi<Delta>> play = plays.poll();
            if (play == null) {
                play = last;
            }
            last = play;
            return play.get().onCancellation().invoke(cancellations::incrementAndGet);
        });
    }
}
