package dev.sluice.api.anthropic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every refused request on {@code /v1/messages} paths is answered in Anthropic's error shape
 * ({@code {"type":"error","error":{"type","message","details"}}}) with the status Anthropic uses,
 * whichever step refused it: the mapper, the shared path, the body handler or the fallbacks.
 */
@QuarkusTest
class AnthropicErrorsTest {

    private static final String USER = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";

    @TestHTTPResource("/v1/messages")
    URI messages;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed json        | {"model":"sluice-echo",                                                                   | 400 | invalid_json               | null
            missing model         | {"max_tokens":5,MSG}                                                                       | 400 | missing_required_parameter | model
            missing max_tokens    | {"model":"sluice-echo",MSG}                                                                | 400 | missing_required_parameter | max_tokens
            max_tokens zero       | {"model":"sluice-echo","max_tokens":0,MSG}                                                 | 400 | invalid_value              | max_tokens
            temperature above 1   | {"model":"sluice-echo","max_tokens":5,"temperature":1.5,MSG}                               | 400 | invalid_value              | temperature
            missing messages      | {"model":"sluice-echo","max_tokens":5}                                                     | 400 | missing_required_parameter | messages
            empty messages        | {"model":"sluice-echo","max_tokens":5,"messages":[]}                                       | 400 | invalid_value              | messages
            bad role              | {"model":"sluice-echo","max_tokens":5,"messages":[{"role":"tool","content":"x"}]}          | 400 | invalid_value              | messages[0].role
            missing content       | {"model":"sluice-echo","max_tokens":5,"messages":[{"role":"user"}]}                        | 400 | missing_required_parameter | messages[0].content
            content number        | {"model":"sluice-echo","max_tokens":5,"messages":[{"role":"user","content":5}]}            | 400 | invalid_type               | messages[0].content
            image block           | {"model":"sluice-echo","max_tokens":5,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AA=="}}]}]} | 400 | unsupported_value | messages[0].content[0].type
            document block        | {"model":"sluice-echo","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"}}]}]} | 400 | unsupported_value | messages[0].content[0].type
            tool_use without id   | {"model":"sluice-echo","max_tokens":5,"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"tool_use","name":"f","input":{}}]}]} | 400 | missing_required_parameter | messages[1].content[0].id
            tool_use input string | {"model":"sluice-echo","max_tokens":5,"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":"{}"}]}]} | 400 | invalid_type | messages[1].content[0].input
            system image block    | {"model":"sluice-echo","max_tokens":5,"system":[{"type":"image"}],MSG}                     | 400 | unsupported_value          | system[0].type
            stop sequences        | {"model":"sluice-echo","max_tokens":5,"stop_sequences":["END"],MSG}                        | 400 | unsupported_value          | stop_sequences
            server tool           | {"model":"sluice-echo","max_tokens":5,"tools":[{"type":"web_search_20250305","name":"web_search"}],MSG} | 400 | unsupported_value | tools[0].type
            tool without schema   | {"model":"sluice-echo","max_tokens":5,"tools":[{"name":"f"}],MSG}                          | 400 | missing_required_parameter | tools[0].input_schema
            tool_choice unknown   | {"model":"sluice-echo","max_tokens":5,"tools":[{"name":"f","input_schema":{}}],"tool_choice":{"type":"tool","name":"g"},MSG} | 400 | invalid_value | tool_choice.name
            tool_choice no tools  | {"model":"sluice-echo","max_tokens":5,"tool_choice":{"type":"any"},MSG}                    | 400 | invalid_value              | tool_choice
            bad sluice option     | {"model":"sluice-echo","max_tokens":5,"sluice":{"gap_ms":-5},MSG}                          | 400 | invalid_value              | null
            unknown model         | {"model":"claude-nope","max_tokens":5,MSG}                                                 | 404 | model_not_found            | model
            """)
    void aBadRequestIsAnAnthropicError(String name, String body, int status, String code, String param) {
        var response = given().contentType("application/json").body(body.replace("MSG", USER)).post(messages)
                .then().statusCode(status)
                .contentType("application/json")
                .body("type", equalTo("error"))
                .body("error.type", equalTo(status == 404 ? "not_found_error" : "invalid_request_error"))
                .body("error.details.error_code", equalTo(code))
                .body("error.message", not(containsString("Exception")));
        if ("null".equals(param)) {
            response.body("error.details.param", nullValue());
        } else {
            response.body("error.details.param", equalTo(param));
        }
    }

    @Test
    void anImageBlockIsNamedInTheMessage() {
        given().contentType("application/json").body("""
                        {"model":"sluice-echo","max_tokens":5,"messages":[{"role":"user","content":[{"type":"image","source":{}}]}]}""")
                .post(messages)
                .then().statusCode(400).body("error.message", containsString("'image'"));
    }

    @Test
    void wrongContentTypeIs415InAnthropicsShape() {
        given().contentType("text/plain").body("hello").post(messages)
                .then().statusCode(415)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.details.error_code", equalTo("unsupported_media_type"));
    }

    @Test
    void anOversizedBodyIs413RequestTooLarge() {
        String huge = "x".repeat(5 * 1024 * 1024);
        given().contentType("application/json")
                .body("{\"model\":\"sluice-echo\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"" + huge + "\"}]}")
                .post(messages)
                .then().statusCode(413)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("request_too_large"));
    }

    @Test
    void unknownPathsAndWrongMethodsUnderMessagesAreAnthropicErrors() {
        given().contentType("application/json").body("{}").post(messages + "/batches")
                .then().statusCode(404)
                .body("error.type", equalTo("not_found_error"))
                .body("error.details.error_code", equalTo("unknown_url"));
        given().get(messages)
                .then().statusCode(405)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.details.error_code", equalTo("method_not_allowed"));
        given().get(messages + "/count_tokens")
                .then().statusCode(405).body("type", equalTo("error"));
    }

    @Test
    void otherApisKeepOpenAisShape() {
        given().contentType("application/json").body("{}").post(messages.resolve("/v1/nope"))
                .then().statusCode(404).body("error.code", equalTo("unknown_url")).body("type", nullValue());
        given().contentType("text/plain").body("x").post(messages.resolve("/v1/chat/completions"))
                .then().statusCode(415).body("error.code", equalTo("unsupported_media_type"));
    }

    @Test
    void countTokensChecksTheRequestLikeMessagesButNeedsNoMaxTokens() {
        given().contentType("application/json").body("{\"model\":\"sluice-echo\"}").post(messages + "/count_tokens")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.details.param", equalTo("messages"));
        given().contentType("application/json").body("{\"model\":\"sluice-echo\"," + USER + "}")
                .post(messages + "/count_tokens")
                .then().statusCode(200).body("input_tokens", equalTo(4));
    }
}
