package dev.sluice.provider;

/**
 * Creates provider instances of one adapter type from their configuration. Implementations are
 * CDI beans; the registry picks the one whose {@link #type()} a configured provider names, so
 * adding an adapter never touches a dispatch chain.
 */
public interface ProviderFactory {

    /** The value of {@code sluice.providers.<name>.type} this factory serves. */
    String type();

    ModelProvider create(String name, ProvidersConfig.Provider config);
}
