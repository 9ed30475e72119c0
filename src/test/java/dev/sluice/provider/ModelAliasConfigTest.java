package dev.sluice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Model aliases whose names hold {@code /}, {@code :}, {@code =} or {@code ?}, in each way an
 * operator writes configuration: a properties file (quoted map keys with {@code \:} and {@code \=}
 * escaped, or the list form), and environment variables (the list form only, since a variable's
 * name cannot hold those characters). This is what docs/providers.md promises.
 */
class ModelAliasConfigTest {

    private static ProvidersConfig config(SmallRyeConfigBuilder builder) {
        // Quarkus's converter for "30s"-style durations, which plain SmallRye Config lacks
        SmallRyeConfig config = builder.withConverter(java.time.Duration.class, 100,
                        new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(ProvidersConfig.class).withValidateUnknown(false).build();
        return config.getConfigMapping(ProvidersConfig.class);
    }

    private static Map<String, String> aliases(ProvidersConfig config) {
        Map<String, String> out = new TreeMap<>();
        config.models().forEach((name, m) -> out.put(name, m.provider() + " " + m.upstreamModel().orElse("")));
        config.modelAliases().orElse(List.of()).forEach(m -> out.put(m.name(),
                m.provider() + " " + m.upstreamModel().orElse("")));
        return out;
    }

    @Test
    void aPropertiesFileTakesQuotedKeysWithEscapesAndTheListForm() throws IOException {
        Properties file = new Properties();
        file.load(new StringReader("""
                sluice.providers.vllm.type=openai
                sluice.models."meta-llama/Llama-3.1-8B-Instruct\\:free".provider=vllm
                sluice.models."a\\=b?c".provider=vllm
                sluice.models."a\\=b?c".upstream-model=x/y:z
                sluice.model-aliases[0].name=org/model:v2?beta=1
                sluice.model-aliases[0].provider=vllm
                sluice.model-aliases[0].upstream-model=org/model
                sluice.model-aliases[0].fallbacks=a=b?c
                """));
        ProvidersConfig config = config(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(file, "application.properties", 250)));
        assertEquals(Map.of("meta-llama/Llama-3.1-8B-Instruct:free", "vllm ", "a=b?c", "vllm x/y:z",
                "org/model:v2?beta=1", "vllm org/model"), aliases(config));
        assertEquals(List.of("a=b?c"), config.modelAliases().orElseThrow().get(0).fallbacks().orElseThrow());
    }

    @Test
    void environmentVariablesTakeTheListForm() {
        ProvidersConfig config = config(new SmallRyeConfigBuilder().withSources(new EnvConfigSource(Map.of(
                "SLUICE_PROVIDERS_VLLM_TYPE", "openai",
                "SLUICE_PROVIDERS_VLLM_MODELS", "*",
                "SLUICE_MODEL_ALIASES_0__NAME", "meta-llama/Llama-3.1-8B-Instruct:free",
                "SLUICE_MODEL_ALIASES_0__PROVIDER", "vllm",
                "SLUICE_MODEL_ALIASES_0__UPSTREAM_MODEL", "meta-llama/Llama-3.1-8B-Instruct",
                "SLUICE_MODEL_ALIASES_1__NAME", "a=b?c",
                "SLUICE_MODEL_ALIASES_1__PROVIDER", "vllm"), 300)));
        assertEquals(Map.of("meta-llama/Llama-3.1-8B-Instruct:free", "vllm meta-llama/Llama-3.1-8B-Instruct",
                "a=b?c", "vllm "), aliases(config));
        assertEquals(List.of("*"), config.providers().get("vllm").models().orElseThrow());
    }
}
