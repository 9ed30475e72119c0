package dev.sluice.api.responses;

import static dev.sluice.api.responses.ResponsesCalls.create;
import static dev.sluice.api.responses.ResponsesCalls.retrieve;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A stored response outlives its journal (kept for the resume window): it is then rebuilt from
 * its session's history, tool calls included, and can still be continued.
 */
@QuarkusTest
@TestProfile(ResponsesAfterResumeWindowTest.ShortResumeWindow.class)
class ResponsesAfterResumeWindowTest {

    public static class ShortResumeWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.journal.resume-window", "1s");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aResponsePastItsResumeWindowIsRebuiltFromItsHistory() {
        JsonPath original = create(base, """
                {"model":"test-script","input":"weather in Paris?","instructions":"Be exact.","metadata":{"app":"t"},
                 "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}],
                 "sluice":{"script":"Checking.","tool_name":"get_weather","tool_arguments":"{\\"city\\":\\"Paris\\"}"}}""");
        String id = original.getString("id");
        String streamId = given().get(base.resolve("/v1/sessions/" + id)).then().statusCode(200).extract()
                .path("streams[0]");
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().get(base.resolve("/v1/streams/" + streamId + "/events")).statusCode() == 404);
        given().get(base.resolve("/v1/responses/" + id + "?stream=true")).then().statusCode(404)
                .body("error.code", equalTo("response_not_found"));

        JsonPath rebuilt = retrieve(base, id);
        assertEquals("completed", rebuilt.getString("status"));
        assertEquals("Be exact.", rebuilt.getString("instructions"));
        assertEquals("t", rebuilt.getString("metadata.app"));
        assertEquals("get_weather", rebuilt.getString("tools[0].name"));
        for (String path : new String[] {"output[0].id", "output[0].type", "output[0].content[0].text",
                "output[1].id", "output[1].type", "output[1].call_id", "output[1].name", "output[1].arguments",
                "usage.output_tokens", "model", "created_at"}) {
            assertEquals(original.getString(path), rebuilt.getString(path), path);
        }

        JsonPath next = create(base, """
                {"model":"test-script","previous_response_id":"%s","sluice":{"transcript":true},
                 "input":[{"type":"function_call_output","call_id":"call_1","output":"sunny"}]}""".formatted(id));
        assertEquals("user: weather in Paris?\nassistant: Checking. [call call_1 get_weather {\"city\":\"Paris\"}]\n"
                + "tool: sunny [for call_1 get_weather]", next.getString("output[0].content[0].text"));
    }
}
