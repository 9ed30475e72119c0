package dev.sluice.provider.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Sluice with the alias {@code replayed} routed to a local replaying OpenAI-compatible server. */
public class ReplayedOpenAiProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ReplayedUpstreamResource.class));
    }
}
