package dev.sluice.testing;

import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProviderFactory;
import dev.sluice.provider.ProvidersConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Makes {@link ScriptedProvider}s for the test profile ({@code type=scripted}). */
@ApplicationScoped
public class ScriptedProviderFactory implements ProviderFactory {

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public ModelProvider create(String name, ProvidersConfig.Provider config) {
        return new ScriptedProvider(name);
    }
}
