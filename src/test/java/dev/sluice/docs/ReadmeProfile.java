package dev.sluice.docs;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** The configuration the README's examples start Sluice with ({@code ./mvnw quarkus:dev -D…}). */
public class ReadmeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return ReadmeExamples.devProperties(ReadmeExamples.read(Path.of("README.md")));
    }
}
