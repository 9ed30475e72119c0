package dev.sluice.api.tools;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed tools, tool turns and tool-mode options: a 400 in the API's own shape, naming what is wrong. */
@QuarkusTest
class ToolCallsBadInputTest {

    private static final String USER = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
    private static final String TOOL = "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]";

    @TestHTTPResource("/")
    URI base;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tools not an array          | "tools":{"type":"function"}                                                      | invalid_type               | tools
            tool not a function tool    | "tools":[{"type":"code_interpreter"}]                                            | invalid_value              | tools[0].type
            tool without function       | "tools":[{"type":"function"}]                                                    | missing_required_parameter | tools[0].function
            bad function name           | "tools":[{"type":"function","function":{"name":"get weather"}}]                 | invalid_value              | tools[0].function.name
            parameters not an object    | "tools":[{"type":"function","function":{"name":"f","parameters":"{}"}}]         | invalid_type               | tools[0].function.parameters
            a function named twice      | "tools":[{"type":"function","function":{"name":"f"}},{"type":"function","function":{"name":"f"}}] | invalid_value | tools
            tool_choice unknown function| "tools":TOOL,"tool_choice":{"type":"function","function":{"name":"get_time"}}    | invalid_value              | tool_choice
            tool_choice bad word        | "tools":TOOL,"tool_choice":"sometimes"                                           | invalid_value              | tool_choice
            tool_choice without tools   | "tool_choice":"required"                                                         | invalid_value              | tool_choice
            parallel not a boolean      | "tools":TOOL,"parallel_tool_calls":"yes"                                         | invalid_type               | parallel_tool_calls
            functions call unknown      | "functions":[{"name":"f"}],"function_call":{"name":"g"}                          | invalid_value              | function_call
            """)
    void badToolsAre400InOpenAisShape(String name, String fields, String code, String param) {
        given().contentType("application/json")
                .body("{\"model\":\"sluice-sim\"," + fields.replace("TOOL", TOOL) + "," + USER + "}")
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(400).contentType("application/json")
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo(code))
                .body("error.param", equalTo(param));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tool turn without call id     | [{"role":"user","content":"x"},{"role":"tool","content":"3"}]                                  | missing_required_parameter | messages[1].tool_call_id
            tool_calls not an array       | [{"role":"assistant","content":null,"tool_calls":{"id":"c"}}]                                | invalid_type               | messages[0].tool_calls
            call without id               | [{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}] | missing_required_parameter | messages[0].tool_calls[0].id
            arguments not a string        | [{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":{}}}]}] | invalid_type | messages[0].tool_calls[0].function.arguments
            """)
    void badToolTurnsAre400(String name, String messages, String code, String param) {
        given().contentType("application/json").body("{\"model\":\"sluice-sim\",\"messages\":" + messages + "}")
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(400).body("error.code", equalTo(code)).body("error.param", equalTo(param));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            without tools  | "tool_call":true                          | simulator option 'tool_call' needs 'tools' in the request: the simulator calls only a tool the request offers
            unknown name   | "tool_call":"get_time"                    | simulator option 'tool_call' names 'get_time', which is not among the request's tools
            wrong type     | "tool_call":7                             | simulator option 'tool_call' must be true, a function name, {"name": …, "arguments": {…}} or a list of those
            bad arguments  | "tool_call":{"name":"get_weather","arguments":[1]} | simulator option 'tool_call' 'arguments' must be an object, or a string of the exact JSON text
            """)
    void badToolModeOptionsAre400NamingTheOption(String name, String option, String message) {
        String tools = name.equals("without tools") ? "" : "\"tools\":" + TOOL + ",";
        given().contentType("application/json")
                .body("{\"model\":\"sluice-sim\"," + tools + "\"sluice\":{" + option + "}," + USER + "}")
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(400).body("error.code", equalTo("invalid_value")).body("error.message", equalTo(message));
        given().contentType("application/json")
                .body("{\"model\":\"sluice-sim\"," + tools + "\"simulator\":{" + option + "},\"prompt\":\"x\"}")
                .post(base.resolve("/v1/streams"))
                .then().statusCode(400).body("error.code", equalTo("invalid_value")).body("error.message", equalTo(message));
    }

    @Test
    void aBadToolChoiceOnTheWebSocketIsRejectedAndTheConnectionStaysUsable() {
        try (WsClient ws = new WsClient(base)) {
            ws.send("{\"type\":\"start\",\"id\":\"bad\",\"model\":\"sluice-sim\",\"prompt\":\"x\",\"tools\":" + TOOL
                    + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"nope\"}}}");
            JsonNode rejected = ws.next();
            assertEquals("rejected", rejected.path("type").asText(), rejected.toString());
            assertEquals("bad", rejected.path("id").asText());
            assertEquals("invalid_value", rejected.at("/error/code").asText(), rejected.toString());
            assertEquals("tool_choice", rejected.at("/error/param").asText(), rejected.toString());
            ws.send("{\"type\":\"start\",\"id\":\"ok\",\"model\":\"sluice-echo\",\"prompt\":\"fine\","
                    + "\"simulator\":{\"gap_ms\":0,\"ttft_ms\":0}}");
            assertEquals("done", ws.until(f -> "done".equals(f.path("type").asText())).stream()
                    .reduce((a, b) -> b).orElseThrow().path("type").asText());
        }
    }
}
