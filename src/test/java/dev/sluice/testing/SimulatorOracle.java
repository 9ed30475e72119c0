package dev.sluice.testing;

import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.provider.Route;
import dev.sluice.stream.frame.Utf8Stage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the simulator itself produces for a request, read straight from the provider (no
 * transport, no journal): the expected token texts that a transport must deliver unchanged.
 */
public final class SimulatorOracle {

    private SimulatorOracle() {}

    public static List<String> tokens(ProviderRegistry registry, String model, String prompt,
                                      Map<String, Object> options) {
        Route.Target target = registry.route(model).primary();
        GenerationRequest request = new GenerationRequest(target.upstreamModel(), List.of(ChatMessage.user(prompt)),
                null, null, false, null, options);
        return Utf8Stage.apply(target.provider().stream(request))
                .select().where(d -> d instanceof Delta.Text)
                .map(d -> ((Delta.Text) d).text())
                .collect().asList().await().atMost(Duration.ofSeconds(30));
    }
}
