package dev.sluice.api.legacy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/embeddings}: passed through to an OpenAI-compatible upstream (the exact request it
 * gets, the exact vectors the client gets, as floats or base64), the simulator's deterministic
 * pseudo-embeddings, a 400 for a model whose provider has none, bad input, and upstream failures
 * retried and mapped as for streams.
 */
@QuarkusTest
@TestProfile(RoutedProfile.class)
class EmbeddingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = """
            {"object":"list","model":"text-embedding-3-small","data":[
             {"object":"embedding","index":0,"embedding":[0.015625,-0.5,0.25]},
             {"object":"embedding","index":1,"embedding":[1.0,0.0,-0.125]}],
             "usage":{"prompt_tokens":5,"total_tokens":5}}""";

    private static ReplayServer upstream() {
        return RoutedUpstreamResource.server;
    }

    private static Reply json(String body) {
        return new Reply(200, "application/json", Map.of(), body.getBytes(StandardCharsets.UTF_8), 3, 9, -1, -1);
    }

    private static Response embed(String body) {
        return given().contentType("application/json").body(body).post("/v1/embeddings");
    }

    @Test
    void anOpenAiCompatibleUpstreamGetsTheInputsAndTheClientItsVectors() throws Exception {
        int before = upstream().received().size();
        upstream().enqueue(json(ANSWER));
        Response response = embed("""
                {"model":"text-embedding-3-small","input":["Grüße 🌍","second"],"dimensions":3,"user":"u-7"}""");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(JSON.readTree("""
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.015625,-0.5,0.25]},
                 {"object":"embedding","index":1,"embedding":[1.0,0.0,-0.125]}],
                 "model":"text-embedding-3-small","usage":{"prompt_tokens":5,"total_tokens":5}}"""),
                JSON.readTree(response.asString()));
        ReplayServer.Received received = upstream().received().get(before);
        assertEquals("/oai/v1/embeddings", received.uri());
        assertEquals(new JsonObject("""
                {"model":"text-embedding-3-small","input":["Grüße 🌍","second"],"dimensions":3,
                 "encoding_format":"float"}"""), received.body());
    }

    @Test
    void base64IsTheFloatsLittleEndianAsTheSdksDecodeThem() {
        upstream().enqueue(json(ANSWER));
        Response response = embed("""
                {"model":"oai/text-embedding-3-small","input":["a","b"],"encoding_format":"base64"}""");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("oai/text-embedding-3-small", response.jsonPath().getString("model"));
        assertArrayEquals(new float[] {0.015625f, -0.5f, 0.25f}, floats(response.jsonPath().getString("data[0].embedding")));
        assertArrayEquals(new float[] {1.0f, 0.0f, -0.125f}, floats(response.jsonPath().getString("data[1].embedding")));
    }

    private static float[] floats(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.remaining() / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.getFloat();
        }
        return out;
    }

    @Test
    void theSimulatorsPseudoEmbeddingsAreDeterministicUnitVectors() throws Exception {
        JsonNode first = JSON.readTree(embed("{\"model\":\"sluice-echo\",\"input\":[\"the sluice gate\","
                + "\"the sluice gate opens\",\"zebra\"],\"dimensions\":16}").then().statusCode(200).extract().asString());
        JsonNode again = JSON.readTree(embed("{\"model\":\"sluice-sim\",\"input\":\"the sluice gate\","
                + "\"dimensions\":16}").then().statusCode(200).extract().asString());
        float[] a = vector(first, 0);
        float[] b = vector(first, 1);
        float[] z = vector(first, 2);
        assertEquals(16, a.length);
        assertArrayEquals(a, vector(again, 0), "the same text gives the same vector, whatever the simulator alias");
        assertEquals(1.0, dot(a, a), 1e-5);
        assertTrue(dot(a, b) > dot(a, z), "texts sharing tokens point closer together");
        assertNotEquals(0, first.at("/usage/prompt_tokens").asInt());
        assertEquals(first.at("/usage/prompt_tokens").asInt(), first.at("/usage/total_tokens").asInt());
        JsonNode defaults = JSON.readTree(embed("{\"model\":\"sluice-echo\",\"input\":\"x\"}").then().statusCode(200)
                .extract().asString());
        assertEquals(256, defaults.at("/data/0/embedding").size());
    }

    private static float[] vector(JsonNode answer, int index) {
        JsonNode values = answer.at("/data/" + index + "/embedding");
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void aModelWhoseProviderHasNoEmbeddingsIsA400NamingIt() {
        int before = upstream().received().size();
        for (String model : new String[] {"claude-embed", "claude/claude-sonnet-4-5"}) {
            Response response = embed("{\"model\":\"" + model + "\",\"input\":\"x\"}");
            assertEquals(400, response.statusCode(), response.asString());
            assertEquals("model_not_supported", response.jsonPath().getString("error.code"));
            assertEquals("model", response.jsonPath().getString("error.param"));
            assertEquals("The model '" + model + "' is served by the provider 'claude', which has no embeddings "
                    + "endpoint; use a model of an OpenAI-compatible, Gemini or Ollama provider (GET /v1/models).",
                    response.jsonPath().getString("error.message"));
        }
        assertEquals(before, upstream().received().size(), "nothing was sent upstream");
    }

    @Test
    void badInputIsA400NamingTheParameter() {
        String[][] cases = {
                {"{\"input\":\"x\"}", "model", "missing_required_parameter"},
                {"{\"model\":\"sluice-echo\"}", "input", "missing_required_parameter"},
                {"{\"model\":\"sluice-echo\",\"input\":[]}", "input", "invalid_value"},
                {"{\"model\":\"sluice-echo\",\"input\":\"\"}", "input", "invalid_value"},
                {"{\"model\":\"sluice-echo\",\"input\":[\"a\",\"\"]}", "input[1]", "invalid_value"},
                {"{\"model\":\"sluice-echo\",\"input\":[1212,318]}", "input", "unsupported_parameter"},
                {"{\"model\":\"sluice-echo\",\"input\":[[1212]]}", "input", "unsupported_parameter"},
                {"{\"model\":\"sluice-echo\",\"input\":[\"a\",{}]}", "input[1]", "invalid_type"},
                {"{\"model\":\"sluice-echo\",\"input\":{\"text\":\"a\"}}", "input", "invalid_type"},
                {"{\"model\":\"sluice-echo\",\"input\":\"a\",\"encoding_format\":\"int8\"}", "encoding_format",
                        "invalid_value"},
                {"{\"model\":\"sluice-echo\",\"input\":\"a\",\"dimensions\":0}", "dimensions", "invalid_value"},
                {"{\"model\":\"sluice-echo\",\"input\":\"a\",\"dimensions\":\"8\"}", "dimensions", "invalid_type"},
        };
        for (String[] c : cases) {
            Response response = embed(c[0]);
            assertEquals(400, response.statusCode(), c[0] + " → " + response.asString());
            assertEquals(c[1], response.jsonPath().getString("error.param"), c[0]);
            assertEquals(c[2], response.jsonPath().getString("error.code"), c[0]);
        }
        Response tooLarge = embed("{\"model\":\"sluice-echo\",\"input\":\"a\",\"dimensions\":5000}");
        assertEquals(400, tooLarge.statusCode(), "the simulator's own limit");
        assertEquals("The simulator makes embeddings of 1 to 4096 dimensions, not 5000.",
                tooLarge.jsonPath().getString("error.message"));
        Response notJson = given().contentType("application/json").body("{nope").post("/v1/embeddings");
        assertEquals(400, notJson.statusCode());
        assertEquals("invalid_json", notJson.jsonPath().getString("error.code"));
    }

    @Test
    void anUpstream500IsRetriedBeforeTheClientSeesAnything() {
        int before = upstream().received().size();
        upstream().enqueue(Reply.status(500, Map.of()), json(ANSWER));
        Response response = embed("{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\"]}");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(-0.125f, response.jsonPath().getFloat("data[1].embedding[2]"));
        assertEquals(before + 2, upstream().received().size(), "one failed attempt, one retry");
    }

    @Test
    void upstreamFailuresMapAsForStreamsWithoutTheUpstreamBody() {
        int before = upstream().received().size();
        upstream().enqueue(Reply.status(429, Map.of("Retry-After", "30")));
        Response limited = embed("{\"model\":\"text-embedding-3-small\",\"input\":\"a\"}");
        assertEquals(429, limited.statusCode());
        assertEquals("upstream_rate_limited", limited.jsonPath().getString("error.code"));
        assertEquals(before + 1, upstream().received().size(), "a Retry-After past max-backoff is not waited for");

        upstream().enqueue(Reply.status(401, Map.of()));
        Response auth = embed("{\"model\":\"text-embedding-3-small\",\"input\":\"a\"}");
        assertEquals(502, auth.statusCode());
        assertEquals("upstream_auth", auth.jsonPath().getString("error.code"));
        assertFalse(auth.asString().contains("sk-live"), auth.asString());

        upstream().enqueue(json("{\"object\":\"list\",\"data\":[]}"));
        Response wrong = embed("{\"model\":\"text-embedding-3-small\",\"input\":\"a\"}");
        assertEquals(502, wrong.statusCode());
        assertEquals("upstream_bad_response", wrong.jsonPath().getString("error.code"));
        assertEquals("provider 'oai': expected 1 embeddings but got 0", wrong.jsonPath().getString("error.message"));
    }
}
