package dev.sluice.api.openai;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every malformed request gets its 4xx in OpenAI's error shape, never a 500. */
@QuarkusTest
class ChatCompletionsBadInputTest {

    @TestHTTPResource("/v1/chat/completions")
    URI completions;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed json         | {"model":"sluice-sim",                                              | 400 | invalid_json               | null
            not an object          | [1,2,3]                                                             | 400 | invalid_json               | null
            missing model          | {"messages":[{"role":"user","content":"x"}]}                       | 400 | missing_required_parameter | model
            model wrong type       | {"model":7,"messages":[{"role":"user","content":"x"}]}             | 400 | invalid_type               | model
            unknown model          | {"model":"gpt-nope","messages":[{"role":"user","content":"x"}]}    | 404 | model_not_found            | model
            missing messages       | {"model":"sluice-sim"}                                              | 400 | missing_required_parameter | messages
            messages wrong type    | {"model":"sluice-sim","messages":"hello"}                          | 400 | invalid_type               | messages
            empty messages         | {"model":"sluice-sim","messages":[]}                               | 400 | invalid_value              | messages
            bad role               | {"model":"sluice-sim","messages":[{"role":"wizard","content":"x"}]} | 400 | invalid_value              | messages[0].role
            content wrong type     | {"model":"sluice-sim","messages":[{"role":"user","content":5}]}     | 400 | invalid_type               | messages[0].content
            max_tokens zero        | {"model":"sluice-sim","max_tokens":0,"messages":[{"role":"user","content":"x"}]}       | 400 | invalid_value | max_tokens
            max_tokens huge        | {"model":"sluice-sim","max_tokens":99999999999,"messages":[{"role":"user","content":"x"}]} | 400 | invalid_value | max_tokens
            max_tokens string      | {"model":"sluice-sim","max_tokens":"ten","messages":[{"role":"user","content":"x"}]}   | 400 | invalid_type  | max_tokens
            stream wrong type      | {"model":"sluice-sim","stream":"yes","messages":[{"role":"user","content":"x"}]}       | 400 | invalid_type  | stream
            n greater than one     | {"model":"sluice-sim","n":2,"messages":[{"role":"user","content":"x"}]}                | 400 | unsupported_value | n
            bad simulator option   | {"model":"sluice-sim","sluice":{"gap_ms":-5},"messages":[{"role":"user","content":"x"}]} | 400 | invalid_value | null
            """)
    void badRequestGetsItsError(String name, String body, int status, String code, String param) {
        var response = given().contentType("application/json").body(body).post(completions)
                .then().statusCode(status)
                .contentType("application/json")
                .body("error.code", equalTo(code))
                .body("error.message", org.hamcrest.Matchers.not(containsString("Exception")));
        if (!"null".equals(param)) {
            response.body("error.param", equalTo(param));
        }
    }

    @Test
    void wrongContentTypeIs415() {
        given().contentType("text/plain").body("hello").post(completions)
                .then().statusCode(415).body("error.code", equalTo("unsupported_media_type"));
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "x".repeat(5 * 1024 * 1024);
        given().contentType("application/json")
                .body("{\"model\":\"sluice-sim\",\"messages\":[{\"role\":\"user\",\"content\":\"" + huge + "\"}]}")
                .post(completions)
                .then().statusCode(413).body("error.code", equalTo("request_too_large"));
    }
}
