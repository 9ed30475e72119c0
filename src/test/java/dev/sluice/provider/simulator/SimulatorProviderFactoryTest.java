package dev.sluice.provider.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.provider.Route;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator as the application wires it: configuration defaults, registry routes, metrics. */
@QuarkusTest
class SimulatorProviderFactoryTest {

    @Inject
    ProviderRegistry registry;

    @Inject
    SimulatorConfig config;

    @Inject
    SimulatorStats stats;

    @Inject
    MeterRegistry meters;

    @Test
    void configurationDefaultsAreTheDocumentedOnes() {
        assertEquals("o200k_base", config.encoding());
        assertEquals(Duration.ofMillis(200), config.ttft());
        assertEquals(Duration.ofMillis(20), config.gap());
        assertEquals(Duration.ofMillis(5), config.jitter());
        assertEquals(200, config.tokens());
        assertTrue(config.seed().isEmpty());
        assertEquals(0.0, config.failureRate());
        assertEquals(List.of(FailureKind.values()), SimulatorSettings.from(config).failureKinds());
    }

    @Test
    void theEchoAliasRoutesToTheSimulatorAndEchoes() {
        Route route = registry.route("sluice-echo");
        assertInstanceOf(SimulatorProvider.class, route.primary().provider());
        assertEquals("simulator", route.primary().provider().name());
        assertEquals("echo", route.primary().upstreamModel());

        long completedBefore = stats.completed();
        GenerationRequest request = new GenerationRequest(route.primary().upstreamModel(),
                List.of(ChatMessage.user("Olá, 世界 👋")), null, null, false, null, Map.of("ttft_ms", 0, "gap_ms", 0));
        List<Delta> items = route.primary().provider().stream(request)
                .subscribe().withSubscriber(AssertSubscriber.<Delta>create(Long.MAX_VALUE))
                .awaitCompletion().getItems();

        assertEquals("Olá, 世界 👋", SimulatorFixture.decode(items));
        assertEquals(completedBefore + 1, stats.completed());
        assertEquals((double) stats.completed(),
                meters.get("sluice.simulator.streams").tag("outcome", "completed").functionCounter().count());
    }

    @Test
    void theTextAliasStreamsTheConfiguredNumberOfTokens() {
        Route route = registry.route("sluice-sim");
        GenerationRequest request = new GenerationRequest(route.primary().upstreamModel(),
                List.of(ChatMessage.user("hi")), null, null, false, null, Map.of("ttft_ms", 0, "gap_ms", 0));
        List<Delta> items = route.primary().provider().stream(request)
                .subscribe().withSubscriber(AssertSubscriber.<Delta>create(Long.MAX_VALUE))
                .awaitCompletion().getItems();
        assertEquals(200, SimulatorFixture.tokenBytes(items).size());
    }
}
