package dev.sluice.api.legacy;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** {@link RoutedUpstreamResource} with the catch-all provider {@code vllm} ({@code models=*}), open mode. */
public class RoutedProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RoutedUpstreamResource.class, Map.of("catch-all", "true")));
    }
}
