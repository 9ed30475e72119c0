package dev.sluice.ops.meters;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters already registered, by their label values. Streams start and end hundreds of times a
 * second, and building and registering a meter each time (Micrometer's builder, then a registry
 * lookup with sorted tags) showed in the event loops' profile; the label values are bounded by
 * configuration, so the map stays small.
 *
 * @param <M> a meter, or a record of the meters one label set records into
 */
public final class MeterCache<M> {

    private final ConcurrentHashMap<List<String>, M> meters = new ConcurrentHashMap<>();
    private final Function<List<String>, M> register;

    /** @param register builds and registers the meters for one list of label values */
    public MeterCache(Function<List<String>, M> register) {
        this.register = register;
    }

    public M get(String... labelValues) {
        return meters.computeIfAbsent(List.of(labelValues), register);
    }
}
