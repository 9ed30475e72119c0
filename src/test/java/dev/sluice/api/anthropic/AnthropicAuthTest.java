package dev.sluice.api.anthropic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** With keys configured: the key in {@code x-api-key}, as Anthropic's SDKs send it; refusals in Anthropic's shape. */
@QuarkusTest
@TestProfile(AnthropicKeyedProfile.class)
class AnthropicAuthTest {

    private static final String BODY = """
            {"model":"sluice-echo","max_tokens":20,"messages":[{"role":"user","content":"hello there"}],
             "sluice":{"gap_ms":0,"ttft_ms":0}}""";

    @TestHTTPResource("/v1/messages")
    URI messages;

    @Test
    void theKeyInXApiKeyIsAccepted() {
        given().header("x-api-key", AnthropicKeyedProfile.KEY).header("anthropic-version", "2023-06-01")
                .contentType("application/json").body(BODY).post(messages)
                .then().statusCode(200).body("content[0].text", equalTo("hello there"));
        given().header("x-api-key", AnthropicKeyedProfile.KEY).contentType("application/json").body(BODY)
                .post(messages + "/count_tokens")
                .then().statusCode(200).body("input_tokens", equalTo(5));
    }

    @Test
    void noKeyOrAWrongKeyIsA401AuthenticationError() {
        given().contentType("application/json").body(BODY).post(messages)
                .then().statusCode(401)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("authentication_error"))
                .body("error.details.error_code", equalTo("missing_api_key"));
        given().header("x-api-key", "sk-ant-wrong-PLANTED").contentType("application/json").body(BODY)
                .post(messages + "/count_tokens")
                .then().statusCode(401)
                .body("error.type", equalTo("authentication_error"))
                .body("error.details.error_code", equalTo("invalid_api_key"))
                .body(not(containsString("PLANTED")));
        // unknown paths under /v1/messages are refused by authentication first, in the same shape
        given().contentType("application/json").body("{}").post(messages + "/batches")
                .then().statusCode(401).body("error.type", equalTo("authentication_error"));
        // the OpenAI-compatible API keeps its own shape
        given().contentType("application/json").body("{}").post(messages.resolve("/v1/chat/completions"))
                .then().statusCode(401).body("error.code", equalTo("missing_api_key"));
    }

    @Test
    void pastTheKeysRateLimitIsA429RateLimitErrorWithRetryAfter() {
        given().header("x-api-key", AnthropicKeyedProfile.LIMITED).contentType("application/json").body(BODY)
                .post(messages).then().statusCode(200);
        given().header("x-api-key", AnthropicKeyedProfile.LIMITED).contentType("application/json").body(BODY)
                .post(messages)
                .then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("error"))
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.details.error_code", equalTo("rate_limit_exceeded"));
    }
}
