package dev.sluice.api.responses;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad requests get a 400 (or 404) in OpenAI's error shape naming the parameter, never a 500. */
@QuarkusTest
class ResponsesBadInputTest {

    private static final String ID = "resp_0123456789abcdef0123456789abcdef";

    @TestHTTPResource("/")
    URI base;

    @Inject
    MeterRegistry meters;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"input":"hi"}                                                     | model                | missing_required_parameter
            {"model":"sluice-echo"}                                            | input                | missing_required_parameter
            {"model":"sluice-echo","input":42}                                 | input                | invalid_type
            {"model":"sluice-echo","input":[]}                                 | input                | invalid_value
            {"model":"sluice-echo","input":[{"content":"no role"}]}            | input[0].type        | missing_required_parameter
            {"model":"sluice-echo","input":[{"role":"robot","content":"x"}]}   | input[0].role        | invalid_value
            {"model":"sluice-echo","input":[{"type":"item_reference","id":"x"}]} | input[0].type      | unsupported_value
            {"model":"sluice-echo","input":[{"role":"user","content":[{"type":"input_image","image_url":"x"}]}]} | input[0].content[0].type | unsupported_value
            {"model":"sluice-echo","input":[{"type":"function_call","name":"f","arguments":"{}"}]} | input[0].call_id | missing_required_parameter
            {"model":"sluice-echo","input":[{"type":"function_call_output","call_id":"c","output":7}]} | input[0].output | invalid_type
            {"model":"sluice-echo","input":[{"type":"reasoning","summary":[]}]} | input               | invalid_value
            {"model":"sluice-echo","input":"hi","max_output_tokens":0}         | max_output_tokens    | invalid_value
            {"model":"sluice-echo","input":"hi","temperature":3}               | temperature          | invalid_value
            {"model":"sluice-echo","input":"hi","stream":"yes"}                | stream               | invalid_type
            {"model":"sluice-echo","input":"hi","tools":[{"type":"web_search"}]} | tools[0].type      | unsupported_value
            {"model":"sluice-echo","input":"hi","tools":[{"type":"function","name":"bad name"}]} | tools[0].name | invalid_value
            {"model":"sluice-echo","input":"hi","tools":[{"type":"function","name":"f","parameters":"x"}]} | tools[0].parameters | invalid_type
            {"model":"sluice-echo","input":"hi","tool_choice":{"type":"function","name":"f"}} | tool_choice | invalid_value
            {"model":"sluice-echo","input":"hi","tool_choice":{"type":"file_search"}} | tool_choice     | unsupported_value
            {"model":"sluice-echo","input":"hi","parallel_tool_calls":"no"}    | parallel_tool_calls  | invalid_type
            {"model":"sluice-echo","input":"hi","background":true,"store":false} | background         | invalid_value
            {"model":"sluice-echo","input":"hi","session":"s1"}                | session              | unsupported_parameter
            {"model":"sluice-echo","input":"hi","conversation":"conv_1"}       | conversation         | unsupported_parameter
            {"model":"sluice-echo","input":"hi","metadata":{"k":1}}            | metadata.k           | invalid_type
            {"model":"sluice-echo","input":"hi","sluice":"fast"}               | sluice               | invalid_type
            {"model":"sluice-echo","input":"hi","masking":"no-such-profile"}   | masking              | invalid_value
            {"model":"sluice-echo","input":"hi","previous_response_id":"resp_0123456789abcdef0123456789abcdef"} | previous_response_id | previous_response_not_found
            {"model":"sluice-echo","input":"hi","previous_response_id":"nope"} | previous_response_id | previous_response_not_found
            """)
    void badRequestsAre400sNamingTheParameter(String body, String param, String code) {
        given().contentType("application/json").body(body).post(base.resolve("/v1/responses"))
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param))
                .body("error.code", equalTo(code));
    }

    @Test
    void theSessionHeaderIsRefused() {
        given().contentType("application/json").header("X-Sluice-Session", "s1")
                .body("{\"model\":\"sluice-echo\",\"input\":\"hi\"}").post(base.resolve("/v1/responses"))
                .then().statusCode(400).body("error.param", equalTo("session"))
                .body("error.code", equalTo("unsupported_parameter"));
    }

    @Test
    void anUnknownModelIsA404AndLeavesNoResponseBehind() {
        double created = meters.counter("sluice.sessions.created").count();
        double erased = meters.counter("sluice.sessions.erased").count();
        given().contentType("application/json").body("{\"model\":\"no-such-model\",\"input\":\"hi\"}")
                .post(base.resolve("/v1/responses"))
                .then().statusCode(404).body("error.code", equalTo("model_not_found"));
        // The response's session was created before the start failed, and was taken back.
        org.junit.jupiter.api.Assertions.assertEquals(meters.counter("sluice.sessions.created").count() - created,
                meters.counter("sluice.sessions.erased").count() - erased);
    }

    @Test
    void malformedBodiesAndTypes() {
        given().contentType("application/json").body("{not json").post(base.resolve("/v1/responses"))
                .then().statusCode(400).body("error.code", equalTo("invalid_json"));
        given().contentType("text/plain").body("hi").post(base.resolve("/v1/responses"))
                .then().statusCode(415).body("error.code", equalTo("unsupported_media_type"));
    }

    @Test
    void unknownResponsesAre404s() {
        for (String id : new String[] {ID, "resp_short", "str_0123456789abcdef0123456789abcdef", "x"}) {
            given().get(base.resolve("/v1/responses/" + id)).then().statusCode(404)
                    .body("error.code", equalTo("response_not_found")).body("error.param", equalTo("response_id"));
            given().get(base.resolve("/v1/responses/" + id + "?stream=true")).then().statusCode(404)
                    .body("error.code", equalTo("response_not_found"));
            given().contentType("application/json").post(base.resolve("/v1/responses/" + id + "/cancel"))
                    .then().statusCode(404).body("error.code", equalTo("response_not_found"));
            given().delete(base.resolve("/v1/responses/" + id)).then().statusCode(404)
                    .body("error.code", equalTo("response_not_found"));
        }
    }

    @Test
    void aSessionOfTheSessionsApiIsNoResponse() {
        given().contentType("application/json").body("{\"id\":\"" + ID + "\"}").post(base.resolve("/v1/sessions"))
                .then().statusCode(201);
        given().get(base.resolve("/v1/responses/" + ID)).then().statusCode(404)
                .body("error.code", equalTo("response_not_found"));
        given().delete(base.resolve("/v1/sessions/" + ID)).then().statusCode(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            stream=maybe           | stream
            stream=true&starting_after=x  | starting_after
            stream=true&starting_after=-2 | starting_after
            """)
    void badRetrieveParametersAre400s(String query, String param) {
        given().get(base.resolve("/v1/responses/" + ID + "?" + query)).then().statusCode(400)
                .body("error.param", equalTo(param)).body("error.code", equalTo("invalid_value"))
                .body("error.message", org.hamcrest.Matchers.not(nullValue()));
    }
}
