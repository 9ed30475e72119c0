package dev.sluice.provider.probe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Readiness reports each probing provider's last probe and turns DOWN only when every probing
 * provider fails; a provider with probing off is never contacted.
 */
@QuarkusTest
@TestProfile(ProbingProfile.class)
class ProviderProbeReadinessTest {

    private static final String CHECK = "checks.find { it.name == 'sluice-providers' }";

    private static JsonPath ready(int status) {
        return given().get("/q/health/ready").then().statusCode(status).extract().jsonPath();
    }

    private static void awaitReady(int status, String provider, String expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertEquals(expected, ready(status).getString(CHECK + ".data." + provider)));
    }

    @Test
    void readinessFollowsTheProbesAndGoesDownOnlyWhenEveryProbeFails() {
        ProbingProfile.server.answer("alpha", 200);
        ProbingProfile.server.answer("beta", 200);
        awaitReady(200, "alpha", "type=openai, configuration=valid, circuit=closed, probe=up (HTTP 200)");
        awaitReady(200, "beta", "type=anthropic, configuration=valid, circuit=closed, probe=up (HTTP 200)");
        assertEquals("type=openai, configuration=valid, circuit=closed",
                ready(200).getString(CHECK + ".data.quiet"));

        // one probing provider failing: reported, but the replica stays ready
        ProbingProfile.server.answer("alpha", 500);
        awaitReady(200, "alpha", "type=openai, configuration=valid, circuit=closed, probe=down (HTTP 500)");
        assertEquals("UP", ready(200).getString(CHECK + ".status"));

        // every probing provider failing: not ready
        ProbingProfile.server.answer("beta", 500);
        awaitReady(503, "beta", "type=anthropic, configuration=valid, circuit=closed, probe=down (HTTP 500)");
        JsonPath down = ready(503);
        assertEquals("DOWN", down.getString(CHECK + ".status"));
        assertEquals("DOWN", down.getString("status"));

        // one recovers: ready again
        ProbingProfile.server.answer("beta", 200);
        awaitReady(200, "beta", "type=anthropic, configuration=valid, circuit=closed, probe=up (HTTP 200)");
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        // each probe GETs its type's models endpoint with the provider's own credentials
        var seen = ProbingProfile.server.seen();
        assertTrue(seen.stream().anyMatch(s -> s.path().equals("/alpha/v1/models")
                && "Bearer key-alpha".equals(s.authorization())), seen::toString);
        assertTrue(seen.stream().anyMatch(s -> s.path().equals("/beta/v1/models")
                && "key-beta".equals(s.apiKey())), seen::toString);
        assertEquals(java.util.Set.of("/alpha/v1/models", "/beta/v1/models"),
                seen.stream().map(ModelsEndpointServer.Seen::path).collect(java.util.stream.Collectors.toSet()),
                "only the probing providers are contacted; 'quiet' never is");
    }
}
