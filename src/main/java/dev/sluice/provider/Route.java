package dev.sluice.provider;

import java.util.List;

/** A resolved model alias: the provider and upstream model to try first, then the fallbacks. */
public record Route(String alias, List<Target> targets) {

    public record Target(ModelProvider provider, String upstreamModel) {}

    public Target primary() { return targets.get(0); }
}
