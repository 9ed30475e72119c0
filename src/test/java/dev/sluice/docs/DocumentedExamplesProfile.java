package dev.sluice.docs;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The configuration the README's and docs' examples start Sluice with ({@code ./mvnw quarkus:dev -D…}). */
public class DocumentedExamplesProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        DocumentedExamples.files().forEach(f -> properties.putAll(DocumentedExamples.devProperties(DocumentedExamples.read(f))));
        return properties;
    }
}
