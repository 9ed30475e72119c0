package dev.sluice.provider;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.knuddels.jtokkit.api.EncodingType;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The knobs of a lean gateway in front of real upstreams: {@code sluice.providers.simulator.enabled=false}
 * (the simulator's aliases are gone for clients, a fallback naming one is skipped) and
 * {@code sluice.sessions.preload-encoding=false} (the tokenizer loads at the first count, which
 * still counts exactly).
 */
@QuarkusTest
@TestProfile(LeanGatewayTest.SimulatorOff.class)
class LeanGatewayTest {

    public static class SimulatorOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.providers.simulator.enabled", "false",
                    "sluice.models.test-script.fallbacks", "sluice-sim",
                    "sluice.sessions.preload-encoding", "false");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void theDisabledProvidersModelsAreNotListed() {
        given().get(base.resolve("/v1/models")).then().statusCode(200)
                .body("data.id", hasItem("test-script"))
                .body("data.id", not(hasItem("sluice-sim")))
                .body("data.id", not(hasItem("sluice-echo")));
    }

    @Test
    void aRequestForOneOfThemIsAnUnknownModel() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"sluice-sim\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(404).body("error.code", equalTo("model_not_found"));
    }

    @Test
    void tokensAreCountedWithTheVocabularyLoadedAtFirstUse() {
        String text = "Count these tokens, please: Sluice streams every token.";
        int counted = given().contentType(ContentType.JSON).body("""
                        {"model":"test-script","messages":[{"role":"user","content":"%s"}]}""".formatted(text))
                .post(base.resolve("/v1/messages/count_tokens"))
                .then().statusCode(200).extract().jsonPath().getInt("input_tokens");
        assertEquals(BpeVocabularies.of(EncodingType.O200K_BASE).countTokens(text) + 3, counted);
    }

    @Test
    void theOtherProvidersServeAsBefore() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"test-script\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"sluice\":{\"script\":\"Still here.\"}}")
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(200).body("choices[0].message.content", equalTo("Still here."));
    }
}
