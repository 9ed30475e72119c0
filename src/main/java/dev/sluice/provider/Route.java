package dev.sluice.provider;

import java.util.List;

/**
 * A resolved model name: the provider and upstream model to try first, then the fallbacks.
 *
 * @param alias        the name the client used (a configured alias, or a name a provider's patterns accept)
 * @param metricsModel the label meters use for this route: the alias, or for a name accepted by a
 *                     pattern {@code <provider>/<pattern>}, so that client-chosen names never become labels
 */
public record Route(String alias, List<Target> targets, String metricsModel) {

    /**
     * @param metricsModel the meters' label of the upstream model: the configured upstream model, or
     *                     the pattern that accepted a client's name
     */
    public record Target(ModelProvider provider, String upstreamModel, String metricsModel) {
        public Target(ModelProvider provider, String upstreamModel) {
            this(provider, upstreamModel, upstreamModel);
        }
    }

    /** A route of a configured alias, labelled by the alias. */
    public Route(String alias, List<Target> targets) {
        this(alias, targets, alias);
    }

    public Target primary() { return targets.get(0); }
}
