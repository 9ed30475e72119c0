package dev.sluice.api.sessions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every bad session request gets a clear 4xx in OpenAI's error shape, never a 500. */
@QuarkusTest
class SessionsBadInputTest {

    @TestHTTPResource("/")
    URI base;

    private ValidatableResponse create(String body) {
        return given().contentType("application/json").body(body).post(base.resolve("/v1/sessions")).then();
    }

    private static void invalid(ValidatableResponse response, String param, String code) {
        response.statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", param == null ? nullValue() : equalTo(param))
                .body("error.code", equalTo(code));
    }

    @Test
    void unknownRetentionPolicy() {
        invalid(create("{\"retention\":\"forever\"}"), "retention", "invalid_value");
        create("{\"retention\":\"forever\"}").body("error.message",
                equalTo("Unknown retention policy 'forever'; use none, metadata, redacted or full."));
    }

    @Test
    void fullRetentionNeedsAProfileThatAllowsIt() {
        invalid(create("{\"masking\":\"standard\",\"retention\":\"full\"}"), "retention", "retention_not_allowed");
        create("{\"masking\":\"standard\",\"retention\":\"full\"}").body("error.message",
                containsString("sluice.masking.profiles.standard.allow-full-retention=true"));
        create("{\"masking\":\"keep-all\",\"retention\":\"full\"}").statusCode(201).body("retention", equalTo("full"));
    }

    @Test
    void unknownMaskingProfile() {
        invalid(create("{\"masking\":\"nope\"}"), "masking", "invalid_value");
    }

    @Test
    void badFieldTypesAndRanges() {
        invalid(create("{\"ttl_seconds\":0}"), "ttl_seconds", "invalid_value");
        invalid(create("{\"ttl_seconds\":99999999}"), "ttl_seconds", "invalid_value");
        invalid(create("{\"ttl_seconds\":\"long\"}"), "ttl_seconds", "invalid_type");
        invalid(create("{\"context_budget\":-1}"), "context_budget", "invalid_value");
        invalid(create("{\"system\":42}"), "system", "invalid_type");
        invalid(create("{\"retention\":[\"none\"]}"), "retention", "invalid_type");
        invalid(create("{\"id\":\"has spaces\"}"), "id", "invalid_value");
        invalid(create("{\"id\":\"\"}"), "id", "invalid_value");
        invalid(create("[1,2]"), null, "invalid_json");
        invalid(create("{not json"), null, "invalid_json");
    }

    @Test
    void badHistory() {
        invalid(create("{\"history\":\"hello\"}"), "history", "invalid_type");
        invalid(create("{\"history\":[{\"role\":\"wizard\",\"content\":\"x\"}]}"), "history[0].role", "invalid_value");
        invalid(create("{\"history\":[{\"role\":\"system\",\"content\":\"x\"}]}"), "history", "invalid_value");
    }

    @Test
    void oversizedHistoryIsRefused() {
        String turns = IntStream.range(0, 201).mapToObj(i -> "{\"role\":\"user\",\"content\":\"m" + i + "\"}")
                .collect(Collectors.joining(","));
        invalid(create("{\"history\":[" + turns + "]}"), "history", "too_many_messages");
        create("{\"history\":[" + turns + "]}").body("error.message",
                equalTo("'history' has 201 messages; a session keeps at most 200."));
    }

    @Test
    void aTakenIdIs409() {
        create("{\"id\":\"my-session-1\"}").statusCode(201).body("id", equalTo("my-session-1"));
        create("{\"id\":\"my-session-1\"}").statusCode(409).body("error.code", equalTo("session_exists"))
                .body("error.param", equalTo("id"));
    }

    @Test
    void anEmptyBodyCreatesADefaultSession() {
        given().contentType("application/json").post(base.resolve("/v1/sessions")).then().statusCode(201)
                .body("retention", equalTo("redacted")).body("masking", equalTo("off"))
                .body("id", containsString("ses_"));
    }

    @Test
    void unknownSessionsAre404Everywhere() {
        for (String id : new String[] {"ses_00000000000000000000000000000000", "bad%20id"}) {
            given().get(base.resolve("/v1/sessions/" + id)).then().statusCode(404)
                    .body("error.code", equalTo("session_not_found"));
            given().delete(base.resolve("/v1/sessions/" + id)).then().statusCode(404);
            given().get(base.resolve("/v1/sessions/" + id + "/audit")).then().statusCode(404);
        }
        given().contentType("application/json")
                .body("{\"model\":\"test-script\",\"session\":\"ses_nope\",\"prompt\":\"x\"}")
                .post(base.resolve("/v1/streams")).then().statusCode(404)
                .body("error.code", equalTo("session_not_found")).body("error.param", equalTo("session"));
        given().contentType("application/json").header("X-Sluice-Session", "ses_nope")
                .body("{\"model\":\"test-script\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .post(base.resolve("/v1/chat/completions")).then().statusCode(404)
                .body("error.code", equalTo("session_not_found"));
    }

    @Test
    void aRequestInASessionCannotChooseAnotherProfileOrAnotherSession() {
        String id = SessionsTest.createSession(base, "{\"masking\":\"standard\"}");
        invalid(given().contentType("application/json")
                .body("{\"model\":\"test-script\",\"session\":\"" + id + "\",\"masking\":\"off\",\"prompt\":\"x\"}")
                .post(base.resolve("/v1/streams")).then(), "masking", "invalid_value");
        invalid(given().contentType("application/json").header("X-Sluice-Session", "other")
                .body("{\"model\":\"test-script\",\"session\":\"" + id + "\",\"prompt\":\"x\"}")
                .post(base.resolve("/v1/streams")).then(), "session", "invalid_value");
    }
}
