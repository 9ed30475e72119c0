package dev.sluice.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Tenant globex (key bravo) cannot read, follow, cancel, delete or continue a response of tenant acme. */
@QuarkusTest
@TestProfile(KeyedProfile.class)
class ResponsesTenantIsolationTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void anotherTenantGets404sAndCannotContinueTheResponse() {
        Map<String, String> alpha = TestKeys.bearer(TestKeys.ALPHA);
        Map<String, String> bravo = TestKeys.bearer(TestKeys.BRAVO);
        String id = given().headers(alpha).contentType("application/json")
                .body("{\"model\":\"test-script\",\"input\":\"x\",\"background\":true,"
                        + "\"sluice\":{\"script\":\"abcdefghijklmnopqrstuvwxyz\",\"gap_ms\":20}}")
                .post(base.resolve("/v1/responses")).then().statusCode(200).extract().path("id");
        String unknown = "resp_" + "0".repeat(32);

        Response notFound = given().headers(bravo).get(base.resolve("/v1/responses/" + unknown));
        for (Response response : List.of(
                given().headers(bravo).get(base.resolve("/v1/responses/" + id)),
                given().headers(bravo).get(base.resolve("/v1/responses/" + id + "?stream=true&starting_after=2")),
                given().headers(bravo).contentType("application/json")
                        .post(base.resolve("/v1/responses/" + id + "/cancel")),
                given().headers(bravo).delete(base.resolve("/v1/responses/" + id)))) {
            assertEquals(404, response.statusCode());
            assertEquals(notFound.asString(), response.asString(), "no existence oracle");
        }
        given().headers(bravo).contentType("application/json")
                .body("{\"model\":\"test-script\",\"input\":\"y\",\"previous_response_id\":\"" + id + "\"}")
                .post(base.resolve("/v1/responses")).then().statusCode(400)
                .body("error.code", equalTo("previous_response_not_found"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> "completed"
                .equals(given().headers(alpha).get(base.resolve("/v1/responses/" + id)).jsonPath().getString("status")));
        given().headers(alpha).get(base.resolve("/v1/responses/" + id)).then().statusCode(200)
                .body("output[0].content[0].text", equalTo("abcdefghijklmnopqrstuvwxyz"));
    }

    @Test
    void theKeysTokenCeilingNamesMaxOutputTokens() {
        given().headers(TestKeys.bearer(TestKeys.CAPPED)).contentType("application/json")
                .body("{\"model\":\"sluice-echo\",\"input\":\"hi\",\"max_output_tokens\":9}")
                .post(base.resolve("/v1/responses")).then().statusCode(400)
                .body("error.param", equalTo("max_output_tokens")).body("error.code", equalTo("invalid_value"));
    }

    @Test
    void aResponseIsMaskedWithTheKeysProfile() {
        String id = given().headers(TestKeys.bearer(TestKeys.CAPPED)).contentType("application/json")
                .body("{\"model\":\"sluice-echo\",\"input\":\"write to bob@example.com\","
                        + "\"sluice\":{\"ttft_ms\":0,\"gap_ms\":0}}")
                .post(base.resolve("/v1/responses")).then().statusCode(200)
                .body("output[0].content[0].text", equalTo("write to [EMAIL]")).extract().path("id");
        given().headers(TestKeys.bearer(TestKeys.CAPPED)).get(base.resolve("/v1/sessions/" + id)).then()
                .statusCode(200).body("masking", equalTo("standard"));
    }
}
