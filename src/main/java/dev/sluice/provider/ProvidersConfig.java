package dev.sluice.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Named upstream providers and the model aliases that route to them.
 *
 * <pre>
 * sluice.providers.openai.type=openai
 * sluice.providers.openai.base-url=https://api.openai.com/v1
 * sluice.providers.openai.api-key=${OPENAI_API_KEY}
 * sluice.models.gpt.provider=openai
 * sluice.models.gpt.upstream-model=gpt-4o-mini
 * sluice.models.gpt.fallbacks=sluice-sim
 * </pre>
 */
@ConfigMapping(prefix = "sluice")
public interface ProvidersConfig {

    /** Upstream provider instances by name. */
    Map<String, Provider> providers();

    /** Model aliases clients may name, by alias. */
    Map<String, Model> models();

    /**
     * Model aliases as a list, for names a property key cannot hold ({@code =}, {@code :} in
     * properties files, and anything but letters, digits and {@code _} in environment variables):
     * {@code sluice.model-aliases[0].name=meta-llama/Llama-3.1-8B-Instruct:free}, or
     * {@code SLUICE_MODEL_ALIASES_0__NAME=...}. Joined with {@link #models()}; a name in both fails the start.
     */
    @WithName("model-aliases")
    Optional<List<NamedModel>> modelAliases();

    /** Retries, backoff and circuit breaking applied to every route. */
    Routing routing();

    interface Provider {
        /** Adapter type: {@code simulator}, {@code openai}, {@code anthropic}, {@code gemini}, {@code ollama}. */
        String type();

        /**
         * False leaves the provider out: it is not created, and the model aliases that route to
         * it are dropped (clients get {@code model_not_found}; a fallback to one is skipped). For
         * a gateway in front of real upstreams: {@code sluice.providers.simulator.enabled=false}
         * hides the simulator's models and spares the heap its tokenizer vocabulary.
         */
        @WithDefault("true")
        boolean enabled();

        /** Base URL of the upstream API (not used by the simulator). */
        @WithName("base-url")
        Optional<String> baseUrl();

        /** API key sent upstream; usually {@code ${ENV_VAR}}. Never logged. */
        @WithName("api-key")
        Optional<String> apiKey();

        /** A file holding the API key (e.g. a mounted Kubernetes secret); read at start. */
        @WithName("api-key-file")
        Optional<String> apiKeyFile();

        /** Extra headers sent with every upstream request. */
        Map<String, String> headers();

        /**
         * Azure OpenAI only: the {@code api-version} query parameter. When set, the key is sent in
         * an {@code api-key} header instead of {@code Authorization: Bearer}.
         */
        @WithName("api-version")
        Optional<String> apiVersion();

        /**
         * Connections Sluice may hold open to this upstream at once: one per running stream
         * (HTTP/1.1), so at least the streams it should carry concurrently. Requests past it wait
         * for a connection, and that wait is their time to first token.
         */
        @WithName("max-connections")
        @WithDefault("4096")
        int maxConnections();

        Timeouts timeouts();

        /** The optional periodic check of the upstream's models endpoint, reported by readiness. */
        Probe probe();

        /**
         * Upstream model names this provider accepts as clients send them, without an alias:
         * exact names and {@code *} wildcards ({@code *}, {@code gpt-4o*}). A client names such a
         * model bare ({@code gpt-4o-mini}) or with the provider's name as prefix
         * ({@code vllm/meta-llama/Llama-3.1-8B-Instruct}); see docs/providers.md "Model names".
         */
        Optional<List<String>> models();
    }

    interface Probe {
        /** Whether Sluice periodically GETs the upstream's models endpoint (off by default: it costs requests). */
        @WithDefault("false")
        boolean enabled();

        /** Time between two probes; the first runs at start. */
        @WithDefault("30s")
        Duration interval();
    }

    interface Routing {
        /** Attempts on one target (the first included) before falling back to the next. */
        @WithName("max-attempts")
        @WithDefault("3")
        int maxAttempts();

        /** Backoff before the first retry; doubled for each further retry. */
        @WithName("initial-backoff")
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Cap of a backoff; a longer {@code Retry-After} skips the retries and falls back instead. */
        @WithName("max-backoff")
        @WithDefault("5s")
        Duration maxBackoff();

        Circuit circuit();
    }

    interface Circuit {
        /** Consecutive failures that open a provider's circuit. */
        @WithName("failure-threshold")
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit skips its provider before letting one trial request through. */
        @WithName("cool-down")
        @WithDefault("30s")
        Duration coolDown();
    }

    interface Timeouts {
        /** Time allowed to open the upstream connection. */
        @WithDefault("10s")
        Duration connect();

        /** Time allowed between the request and the first delta. */
        @WithName("first-token")
        @WithDefault("60s")
        Duration firstToken();

        /** Time allowed between two deltas. */
        @WithDefault("30s")
        Duration gap();

        /** Time allowed for the whole generation. */
        @WithDefault("10m")
        Duration total();
    }

    interface Model {
        /** The provider (a key of {@code sluice.providers}) serving this alias. */
        String provider();

        /** The model name sent upstream; defaults to the alias itself. */
        @WithName("upstream-model")
        Optional<String> upstreamModel();

        /** Other aliases to try, in order, when this one fails before its first delta. */
        Optional<List<String>> fallbacks();
    }

    /** An entry of {@link #modelAliases()}: a {@link Model} with its alias as a value. */
    interface NamedModel extends Model {
        /** The alias clients use, any characters allowed. */
        String name();
    }
}
