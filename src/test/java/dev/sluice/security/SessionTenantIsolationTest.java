package dev.sluice.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A session belongs to the tenant of the key that created it: for any other tenant it does not exist. */
@QuarkusTest
@TestProfile(KeyedProfile.class)
class SessionTenantIsolationTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void anotherTenantGetsTheSame404AsForAnUnknownSession() {
        Map<String, String> alpha = TestKeys.bearer(TestKeys.ALPHA);
        Map<String, String> bravo = TestKeys.bearer(TestKeys.BRAVO);
        String id = given().headers(alpha).contentType("application/json").body("{}")
                .post(base.resolve("/v1/sessions")).then().statusCode(201).extract().path("id");
        String stream = given().headers(alpha).contentType("application/json")
                .body("{\"model\":\"test-script\",\"session\":\"" + id + "\",\"prompt\":\"hi\",\"simulator\":{\"script\":\"yo\"}}")
                .post(base.resolve("/v1/streams")).then().statusCode(201).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().headers(alpha)
                .get(base.resolve("/v1/sessions/" + id + "/audit")).jsonPath().getList("data").size() == 1);

        String unknown = "ses_" + "0".repeat(32);
        Response notFound = given().headers(bravo).get(base.resolve("/v1/sessions/" + unknown));
        assertEquals(404, notFound.statusCode());
        for (Response response : List.of(
                given().headers(bravo).get(base.resolve("/v1/sessions/" + id)),
                given().headers(bravo).get(base.resolve("/v1/sessions/" + id + "/audit")),
                given().headers(bravo).delete(base.resolve("/v1/sessions/" + id)),
                given().headers(bravo).contentType("application/json")
                        .body("{\"model\":\"test-script\",\"session\":\"" + id + "\",\"prompt\":\"x\"}")
                        .post(base.resolve("/v1/streams")),
                given().headers(bravo).contentType("application/json").header("X-Sluice-Session", id)
                        .body("{\"model\":\"test-script\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                        .post(base.resolve("/v1/chat/completions")))) {
            assertEquals(404, response.statusCode());
            assertEquals(notFound.asString(), response.asString());
        }
        try (WsClient ws = new WsClient(base, bravo)) {
            ws.send("{\"type\":\"start\",\"id\":\"b\",\"model\":\"test-script\",\"session\":\"" + id + "\",\"prompt\":\"x\"}");
            JsonNode frame = ws.next();
            assertEquals("rejected", frame.path("type").asText(), frame.toString());
            assertEquals("session_not_found", frame.at("/error/code").asText(), frame.toString());
        }

        JsonPath own = given().headers(alpha).get(base.resolve("/v1/sessions/" + id)).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("hi", "yo"), own.getList("history.content"));
        JsonPath audit = given().headers(alpha).get(base.resolve("/v1/sessions/" + id + "/audit")).jsonPath();
        assertEquals("acme", audit.getString("data[0].tenant"));
        assertEquals("alpha", audit.getString("data[0].keyId"));
        assertEquals(stream, audit.getString("data[0].streamId"));
    }

    @Test
    void aSessionWithoutAProfileTakesTheKeysDefault() {
        given().headers(TestKeys.bearer(TestKeys.CAPPED)).contentType("application/json").body("{}")
                .post(base.resolve("/v1/sessions")).then().statusCode(201)
                .body("masking", org.hamcrest.Matchers.equalTo("standard"));
    }
}
