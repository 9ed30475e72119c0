package dev.sluice.provider.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Sluice with the alias {@code claude-replayed} routed to a local replaying Anthropic Messages upstream. */
public class ReplayedAnthropicProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ReplayedAnthropicResource.class));
    }
}
